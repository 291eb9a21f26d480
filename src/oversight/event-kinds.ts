// Words for inspections, visits and reviews and their findings: the labels, the default title, the themes
// typed one a line, and how an Ofsted record in the national data maps to an event here. Pure.
import type {
  FindingKind,
  InspectionType,
  InterventionKind,
  JudgementDomain,
  OverseerRole,
  OversightEventKind,
  OversightEventState,
} from '../db/database.js'

export const EVENT_KIND_LABELS: Record<OversightEventKind, string> = {
  inspection: 'Inspection',
  'focused-visit': 'Focused visit',
  'monitoring-visit': 'Monitoring visit',
  jtai: 'Joint targeted area inspection (JTAI)',
  'dfe-review': 'DfE progress review',
  'adviser-review': 'Adviser review',
  'commissioner-review': 'Commissioner review',
}

/** A line under each kind on the form, for someone unsure which it was. */
export const EVENT_KIND_HINTS: Record<OversightEventKind, string> = {
  inspection: 'Ofsted inspects children’s services (ILACS) and gives judgements',
  'focused-visit': 'Ofsted looks at one area of practice, without judgements',
  'monitoring-visit': 'Ofsted checks progress while services are judged inadequate',
  jtai: 'Inspectorates look at how partners work together on one theme',
  'dfe-review': 'The Department for Education reviews progress against the Notice or Direction',
  'adviser-review': 'The DfE adviser reviews progress',
  'commissioner-review': 'The Commissioner reviews progress under a Direction',
}

export const INSPECTION_TYPE_LABELS: Record<InspectionType, string> = {
  standard: 'Standard inspection',
  short: 'Short inspection',
}

export const EVENT_STATE_LABELS: Record<OversightEventState, string> = {
  planned: 'Planned',
  held: 'Held',
}

export const EVENT_STATE_TAGS: Record<OversightEventState, string> = {
  planned: 'govuk-tag--light-blue',
  held: 'govuk-tag--grey',
}

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  strength: 'Strength',
  finding: 'Finding',
  recommendation: 'Recommendation',
}

/** Headings for the findings of an event, grouped by kind, in this order. */
export const FINDING_GROUPS: ReadonlyArray<{ kind: FindingKind; heading: string }> = [
  { kind: 'strength', heading: 'Strengths' },
  { kind: 'finding', heading: 'Findings' },
  { kind: 'recommendation', heading: 'Recommendations' },
]

export const JUDGEMENT_DOMAIN_LABELS: Record<JudgementDomain, string> = {
  overall: 'Overall effectiveness',
  leaders: 'Impact of leaders',
  help_and_protection: 'Help and protection',
  in_care: 'Children in care',
  care_leavers: 'Care leavers',
}

export const INTERVENTION_KIND_LABELS: Record<InterventionKind, string> = {
  'improvement-notice': 'Improvement Notice',
  'statutory-direction': 'Statutory Direction',
}

export const OVERSEER_ROLE_LABELS: Record<OverseerRole, string> = {
  adviser: 'DfE adviser',
  commissioner: 'Commissioner',
}

const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** What an event of this kind is called, e.g. "Short inspection" or "Monitoring visit". */
export function eventKindName(kind: OversightEventKind, inspectionType: InspectionType | null): string {
  if (kind === 'inspection' && inspectionType) return INSPECTION_TYPE_LABELS[inspectionType]
  return EVENT_KIND_LABELS[kind]
}

/** The title when none is typed: "Monitoring visit, May 2019". */
export function defaultEventTitle(kind: OversightEventKind, inspectionType: InspectionType | null, startsOn: string) {
  return `${eventKindName(kind, inspectionType)}, ${MONTH_YEAR.format(new Date(`${startsOn}T00:00:00Z`))}`
}

/** The title shown: the one typed, or the default. */
export function eventTitle(event: {
  title: string
  kind: OversightEventKind
  inspection_type: InspectionType | null
  starts_on: string
}): string {
  return event.title.trim() || defaultEventTitle(event.kind, event.inspection_type, event.starts_on)
}

/** Themes typed one a line: trimmed, blank lines dropped, each once (ignoring case), in the order typed. */
export function parseThemes(text: string): string[] {
  const seen = new Set<string>()
  const themes: string[] = []
  for (const line of text.split(/\r?\n/)) {
    const theme = line.trim().replace(/\s+/g, ' ')
    if (theme === '' || seen.has(theme.toLowerCase())) continue
    seen.add(theme.toLowerCase())
    themes.push(theme)
  }
  return themes
}

/** The stored themes back as the textarea shows them. */
export function themesText(themes: readonly string[]): string {
  return themes.join('\n')
}

/** The event kind (and inspection type) of a record in the national Ofsted data, or null if none fits. */
export function eventKindOfNational(
  nationalKind: string,
): { kind: OversightEventKind; inspectionType: InspectionType | null } | null {
  switch (nationalKind) {
    case 'standard inspection':
      return { kind: 'inspection', inspectionType: 'standard' }
    case 'short inspection':
      return { kind: 'inspection', inspectionType: 'short' }
    case 'focused visit':
      return { kind: 'focused-visit', inspectionType: null }
    case 'monitoring visit':
      return { kind: 'monitoring-visit', inspectionType: null }
    default:
      return null
  }
}

/** "1 finding or recommendation has", "3 findings or recommendations have". */
export function findingsHave(n: number): string {
  return n === 1 ? '1 finding or recommendation has' : `${n} findings or recommendations have`
}
