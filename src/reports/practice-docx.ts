// Evidence from practice in Word: each source's part as its report section shows it (src/voice and src/practice
// draw the page's parts; these are the same figures and words as tables and paragraphs). Used by the progress
// report and the self-assessment, under a heading of the caller's.
import { HeadingLevel } from 'docx'
import type { PracticeSections } from '../impact/practice-sources.js'
import { ACTION_STATUS_LABELS } from '../voice/voice-rules.js'
import { STATUS_LABELS, TIER_LABELS } from '../practice/leadership-rules.js'
import { LEADERSHIP_TIERS } from '../db/database.js'
import { formatDate } from '../shared/dates.js'
import type { Paragraph, Table } from 'docx'

type WordBlock = Paragraph | Table
/**
 * The Word kit of src/reports/report-docx.ts (its heading, paragraphs, caption and table), passed in rather than
 * imported, because that file draws the report and calls this one.
 */
export interface WordKit {
  heading: (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => Paragraph
  paragraphs: (text: string) => Paragraph[]
  caption: (text: string) => Paragraph
  table: (header: string[] | null, rows: string[][]) => Table
}

const H2 = HeadingLevel.HEADING_2
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
const capital = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : '')

type Sections = NonNullable<PracticeSections>

function staffSurveyBlocks(k: WordKit, s: NonNullable<Sections['staffSurveys']>, isPublic: boolean): WordBlock[] {
  const blocks: WordBlock[] = [k.heading('Staff surveys', H2)]
  if (s.round) {
    const r = s.round
    blocks.push(
      ...k.paragraphs(
        `The latest round closed on ${formatDate(r.closedOn)} (${r.audience}): ${r.responded} responses from ` +
          `${r.invited} invited, a response rate of ${Math.round(r.responseRate ?? 0)}%.` +
          (r.note && !isPublic ? ` ${r.note}` : ''),
      ),
    )
    if (s.questions.length)
      blocks.push(
        k.caption('Share favourable (agree or strongly agree) by question, against the round before'),
        k.table(
          ['Question', 'Respondents', 'Favourable', 'Change', 'Significance'],
          s.questions.map((q) => [
            `${q.code ? `${q.code}: ` : ''}${q.text}`,
            String(q.respondents),
            q.share === null ? 'No answers' : `${Math.round(q.share)}%`,
            capital(q.changeText),
            capital(q.significance),
          ]),
        ),
        ...k.paragraphs(
          'A change is called significant when a two-proportion z-test (pooled) finds it at the 95% level: the ' +
            'rounds are independent samples of the staff in post at the time.',
        ),
      )
  } else blocks.push(...k.paragraphs(`No staff survey round had closed by the end of ${s.quarterLabel}.`))
  blocks.push(k.heading(`Staff reference group in ${s.quarterLabel}`, HeadingLevel.HEADING_3))
  if (!s.notes.length)
    return [...blocks, ...k.paragraphs('The staff reference group has no notes recorded in this quarter.')]
  for (const n of s.notes)
    blocks.push(
      ...k.paragraphs(
        [
          `${formatDate(n.heldOn)}${n.themes.length ? `: ${n.themes.join(', ')}` : ''}`,
          isPublic ? '' : n.summary,
          n.response ? `What the service will do: ${n.response}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    )
  return blocks
}

function childrenVoiceBlocks(k: WordKit, s: NonNullable<Sections['childrenVoice']>, isPublic: boolean): WordBlock[] {
  const blocks: WordBlock[] = [
    k.heading('Children and young people’s voice', H2),
    ...k.paragraphs(
      `${plural(s.heard, 'item', 'items')} heard in ${s.quarterLabel}${s.asAt < s.quarterEnd ? ` to ${formatDate(s.asAt)}` : ''}: ` +
        `${s.positive} positive, ${s.mixed} mixed, ${s.negative} negative. ` +
        `${plural(s.done.length, '“you said, we did” action', '“you said, we did” actions')} done in the quarter; ` +
        `${s.open.length} still open on ${formatDate(s.asAt)}.`,
    ),
  ]
  if (s.themes.length)
    blocks.push(
      k.caption(`What children said in ${s.quarterLabel}, by theme`),
      k.table(
        ['Theme', 'Heard', 'Positive', 'Mixed', 'Negative', ...(isPublic ? [] : ['Where it was heard'])],
        s.themes.map((t) => [
          t.theme,
          String(t.heard),
          String(t.positive),
          String(t.mixed),
          String(t.negative),
          ...(isPublic ? [] : [t.sources.map((x) => `${x.label} (${x.count})`).join(', ')]),
        ]),
      ),
    )
  const actions = (rows: typeof s.done, caption: string, empty: string) =>
    rows.length
      ? [
          k.caption(caption),
          k.table(
            ['You said', 'We did, or will do', 'Theme', 'Status'],
            rows.map((a) => [
              a.youSaid,
              a.weDid,
              a.theme,
              `${ACTION_STATUS_LABELS[a.status]}${a.doneOn ? `, ${formatDate(a.doneOn)}` : ''}`,
            ]),
          ),
        ]
      : k.paragraphs(empty)
  return [
    ...blocks,
    ...actions(s.done, `“You said, we did”: done in ${s.quarterLabel}`, 'No actions were done in the quarter.'),
    ...actions(s.open, `“You said, we did”: still open on ${formatDate(s.asAt)}`, 'No actions were open.'),
  ]
}

function caseAuditBlocks(k: WordKit, s: NonNullable<Sections['caseAudits']>): WordBlock[] {
  const latest = s.rounds[s.rounds.length - 1]
  if (!latest) return [k.heading('Case-file audits', H2), ...k.paragraphs('No moderated round.')]
  return [
    k.heading('Case-file audits', H2),
    ...k.paragraphs(
      `In the latest moderated round, ${latest.name}, ${latest.figure.good} of ${latest.figure.graded} cases audited ` +
        `were good or better (${latest.figure.text}), by the overall grade after moderation.` +
        (s.change ? ` ${s.change.text}.` : ''),
    ),
    k.caption('Moderated rounds, oldest first'),
    k.table(
      ['Round', 'Cases', 'Good or better'],
      s.rounds.map((r) => [r.name, String(r.cases), r.figure.text]),
    ),
    k.caption(`${latest.name}: good or better by domain`),
    k.table(
      ['Domain', 'Cases good or better', 'Percentage'],
      s.latestByDomain.map((d) => [d.label, `${d.good} of ${d.graded}`, d.text]),
    ),
  ]
}

function practiceStandardBlocks(k: WordKit, s: NonNullable<Sections['practiceStandards']>): WordBlock[] {
  return [
    k.heading('Practice standards', H2),
    ...k.paragraphs(
      `${plural(s.standards.length, 'standard', 'standards')} recorded, ${s.exceedingCount} set more frequent than ` +
        'the statutory minimum. Compliance is the percentage of those due a visit in the month who were seen ' +
        'within the local standard.',
    ),
    k.caption(`Standards against the statutory minimum, with compliance in ${s.quarterLabel}`),
    k.table(
      [
        'Standard',
        'Local standard',
        'Statutory minimum',
        'Latest month',
        'Months of the quarter',
        'Extra visits a month',
      ],
      s.standards.map((r) => [
        `${r.title}\n${r.appliesTo}`,
        `${r.localText}${r.exceeds ? '\nMore frequent than the minimum' : ''}`,
        `${r.statutoryDays !== null ? r.statutoryText : 'None set in law'}${r.statutorySource ? `\n${r.statutorySource}` : ''}`,
        r.latest
          ? `${r.latest.label}: ${r.latest.percentLocalText} (${r.latest.seenLocal} of ${r.latest.due})`
          : 'None recorded',
        r.quarterMonths.map((m) => `${m.label}: ${m.percentLocalText}`).join('\n') || 'None recorded',
        r.extraVisits !== null ? r.extraVisitsText : 'None',
      ]),
    ),
    ...s.standards
      .filter((r) => r.working)
      .flatMap((r) => k.paragraphs(`${r.title}, at the caseload of ${r.caseloadMonth}: ${r.working}.`)),
  ]
}

function leadershipBlocks(k: WordKit, s: NonNullable<Sections['leadership']>): WordBlock[] {
  const stability = { improving: 'more stable', worsening: 'less stable', 'no-change': 'no change' }[s.direction]
  const share =
    s.share.counted === 0
      ? `No senior post had a holder recorded on ${formatDate(s.asAt)}.`
      : `${s.share.permanent} of ${s.share.counted} senior ${s.share.counted === 1 ? 'post was' : 'posts were'} held ` +
        `permanently on ${formatDate(s.asAt)} (${s.share.percent}%)` +
        (s.yearBefore.counted > 0
          ? `, against ${s.yearBefore.permanent} of ${s.yearBefore.counted} (${s.yearBefore.percent}%) a year earlier, ` +
            `on ${formatDate(s.yearBefore.day)}: ${stability}.`
          : '.')
  return [
    k.heading('Leadership stability', H2),
    ...k.paragraphs(
      `${share} There ${s.changes12.total === 1 ? 'was' : 'were'} ${plural(s.changes12.total, 'change', 'changes')} ` +
        `of holder in the 12 months to that day and ${s.changes36.total} in 36 months.`,
    ),
    k.caption(`Changes of holder by tier, to ${formatDate(s.asAt)}`),
    k.table(
      ['Tier', '12 months', '36 months'],
      LEADERSHIP_TIERS.map((t) => [TIER_LABELS[t], String(s.changes12.byTier[t]), String(s.changes36.byTier[t])]),
    ),
    k.caption(`How each senior post was held on ${formatDate(s.asAt)}`),
    k.table(
      ['Post', 'Tier', 'Held', 'Since'],
      s.posts.map((p) => [
        p.title,
        TIER_LABELS[p.tier],
        p.status ? STATUS_LABELS[p.status] : 'Not recorded',
        p.since ? formatDate(p.since) : '',
      ]),
    ),
    ...k.paragraphs(
      s.quarterChanges.length
        ? `Changes in ${s.quarterLabel}: ` +
            s.quarterChanges
              .map(
                (c) =>
                  `${formatDate(c.startsOn)}, ${c.title}: ` +
                  (c.previousStatus === c.status
                    ? `a new ${STATUS_LABELS[c.status].toLowerCase()} holder`
                    : `${STATUS_LABELS[c.previousStatus].toLowerCase()} to ${STATUS_LABELS[c.status].toLowerCase()}`),
              )
              .join('; ') +
            '.'
        : `No senior post changed holder in ${s.quarterLabel}.`,
    ),
  ]
}

/** Each source's part (Heading 2 each), and a sentence naming those with nothing recorded. */
export function practiceWordBlocks(k: WordKit, practice: PracticeSections | null, isPublic = false): WordBlock[] {
  if (!practice)
    return k.paragraphs(
      'No staff surveys, children’s feedback, case-file audits, practice standards or leadership posts are recorded ' +
        'in Turnaround for this period.',
    )
  const missing: string[] = []
  const blocks: WordBlock[] = []
  const part = <T>(section: T | null, name: string, draw: (s: T) => WordBlock[]) => {
    if (section) blocks.push(...draw(section))
    else missing.push(name)
  }
  part(practice.staffSurveys, 'staff surveys', (s) => staffSurveyBlocks(k, s, isPublic))
  part(practice.childrenVoice, 'children’s and young people’s feedback', (s) => childrenVoiceBlocks(k, s, isPublic))
  part(practice.caseAudits, 'case-file audits', (s) => caseAuditBlocks(k, s))
  part(practice.practiceStandards, 'practice standards', (s) => practiceStandardBlocks(k, s))
  part(practice.leadership, 'leadership posts', (s) => leadershipBlocks(k, s))
  if (missing.length) blocks.push(...k.paragraphs(`Not recorded in Turnaround for this period: ${missing.join(', ')}.`))
  return blocks
}
