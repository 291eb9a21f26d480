// The compliance view of a Notice or Direction: one row per numbered requirement with its state (from the
// tracking rules) and its evidence, the counts above the table, and the same rows as CSV. Pure: given the
// requirements, their resolved links and today, it says. Also reading the single "what to link" choice of
// the link form. (The words for intervention and event kinds are in event-kinds.ts.)
import {
  LINK_TARGET_TYPES,
  TRACKING_TAGS,
  tracking,
  trackingLabel,
  type LinkTargetType,
  type LinkedTarget,
  type Tracking,
} from './tracking-rules.js'

/** A requirement as the compliance view needs it. */
export interface ComplianceRequirement {
  id: number
  paragraph: string
  title: string
  due_on: string | null
  closed_on: string | null
  closure_note: string
}

/** What a link shows: its words and page (a ResolvedLink from link-repository.ts fits). */
export interface EvidenceLink extends LinkedTarget {
  id: number
  label: string
  href: string
}

export interface ComplianceRow<R extends ComplianceRequirement = ComplianceRequirement> {
  requirement: R
  tracking: Tracking
  /** "Met", "Overdue", "No evidence linked"... */
  label: string
  /** The GOV.UK tag class for the state. */
  tag: string
  evidence: EvidenceLink[]
}

export interface ComplianceCounts {
  total: number
  met: number
  overdue: number
  noEvidence: number
  /** Open, not overdue, with evidence linked (including those with a late milestone or ready to close). */
  inProgress: number
}

/** One row per requirement, in the order given (position order), each judged by the tracking rules. */
export function complianceRows<R extends ComplianceRequirement>(
  requirements: readonly R[],
  links: ReadonlyMap<string, readonly EvidenceLink[]>,
  today: string,
): ComplianceRow<R>[] {
  return requirements.map((requirement) => {
    const evidence = [...(links.get(`requirement:${requirement.id}`) ?? [])]
    const t = tracking(
      { kind: 'requirement', dueOn: requirement.due_on, closedOn: requirement.closed_on },
      evidence,
      today,
    )
    return {
      requirement,
      tracking: t,
      label: trackingLabel('requirement', t.state),
      tag: TRACKING_TAGS[t.state],
      evidence,
    }
  })
}

/** Each row counted once, by its state: the four counts add up to the total. */
export function complianceCounts(rows: readonly ComplianceRow[]): ComplianceCounts {
  const counts: ComplianceCounts = { total: rows.length, met: 0, overdue: 0, noEvidence: 0, inProgress: 0 }
  for (const { tracking: t } of rows) {
    if (t.state === 'closed') counts.met++
    else if (t.state === 'overdue') counts.overdue++
    else if (t.state === 'no-action') counts.noEvidence++
    else counts.inProgress++
  }
  return counts
}

export const COMPLIANCE_CSV_HEADER = [
  'Paragraph',
  'Requirement',
  'Due on',
  'Status',
  'Met on',
  'Evidence',
  'Evidence note',
]

/** The CSV's rows: dates as ISO, the evidence labels joined by "; ". */
export function complianceCsvRows(rows: readonly ComplianceRow[]): string[][] {
  return rows.map(({ requirement: r, label, evidence }) => [
    r.paragraph,
    r.title,
    r.due_on ?? '',
    label,
    r.closed_on ?? '',
    evidence.map((e) => e.label).join('; '),
    r.closure_note,
  ])
}

/** The link form's single choice, "milestone:34", read back; undefined for anything no form could send. */
export function parseLinkChoice(value: unknown): { type: LinkTargetType; id: number } | undefined {
  if (typeof value !== 'string') return undefined
  const match = /^([a-z]+):(\d{1,9})$/.exec(value.trim())
  if (!match) return undefined
  const type = LINK_TARGET_TYPES.find((t) => t === match[1])
  const id = Number(match[2])
  return type && id > 0 ? { type, id } : undefined
}

/**
 * The form field a closing problem (from closeProblems) belongs to, so the error summary links to it: the
 * date, the evidence note, or the "add a link" choice. Read from the words, which tracking-rules.ts owns.
 */
export function closeProblemField(problem: string): 'closedOn' | 'note' | 'target' {
  if (/future/i.test(problem)) return 'closedOn'
  if (/^Link /.test(problem)) return 'target'
  return 'note'
}
