// The children's voice part of a quarterly report: what children said in the quarter, by theme, with the tone
// of what was heard and where it was heard; the "you said, we did" actions done in the quarter; and those still
// open on the day the report is read as at. Only what was heard, recorded and done on or before that day
// counts, so a report for a past quarter shows what was true then. buildChildrenVoiceSection is the rule, with
// no database; loadChildrenVoiceSection feeds it.
import { z } from 'zod'
import type { DbOrTx } from '../db/connect.js'
import {
  VOICE_ACTION_STATUSES,
  VOICE_SOURCES,
  type VoiceActionStatus,
  type VoiceSource,
  type VoiceTone,
} from '../db/database.js'
import type { Quarter } from '../shared/calendar.js'
import { countTones, SOURCE_LABELS } from './voice-rules.js'
import { actionsRecordedBy, feedbackKnownBy } from './voice-repository.js'

const themeRowSchema = z.object({
  themeId: z.number(),
  theme: z.string(),
  heard: z.number(),
  positive: z.number(),
  mixed: z.number(),
  negative: z.number(),
  /** Where the items were heard, most first: "Advocacy app (3)". */
  sources: z.array(z.object({ source: z.enum(VOICE_SOURCES), label: z.string(), count: z.number() })),
})

const actionRowSchema = z.object({
  theme: z.string(),
  youSaid: z.string(),
  weDid: z.string(),
  status: z.enum(VOICE_ACTION_STATUSES),
  doneOn: z.string().nullable(),
})

export const childrenVoiceSectionSchema = z.object({
  quarterLabel: z.string(),
  quarterStart: z.string(),
  quarterEnd: z.string(),
  asAt: z.string(),
  /** Items heard in the quarter (to asAt). */
  heard: z.number(),
  positive: z.number(),
  mixed: z.number(),
  negative: z.number(),
  /** Themes with items heard in the quarter, most heard first. */
  themes: z.array(themeRowSchema),
  /** Actions done in the quarter (to asAt), latest first. */
  done: z.array(actionRowSchema),
  /** Actions recorded by asAt and not done by then (status as recorded: planned or in progress). */
  open: z.array(actionRowSchema),
})
export type ChildrenVoiceSection = z.infer<typeof childrenVoiceSectionSchema>

export interface SectionInput {
  quarter: Quarter
  asAt: string
  feedback: ReadonlyArray<{ themeId: number; theme: string; heardOn: string; source: VoiceSource; tone: VoiceTone }>
  actions: ReadonlyArray<{
    theme: string
    youSaid: string
    weDid: string
    status: VoiceActionStatus
    doneOn: string | null
  }>
}

/**
 * The section from what was recorded by asAt (the caller leaves out later records). Null when the council had
 * recorded no feedback and no actions at all by then.
 */
export function buildChildrenVoiceSection(input: SectionInput): ChildrenVoiceSection | null {
  const { quarter, asAt } = input
  if (input.feedback.length === 0 && input.actions.length === 0) return null
  const to = asAt < quarter.end ? asAt : quarter.end
  const inQuarter = input.feedback.filter((f) => f.heardOn >= quarter.start && f.heardOn <= to)
  const byTheme = new Map<number, typeof inQuarter>()
  for (const f of inQuarter) byTheme.set(f.themeId, [...(byTheme.get(f.themeId) ?? []), f])
  const themes = [...byTheme.values()]
    .map((items) => {
      const counts = countTones(items)
      const sources = new Map<VoiceSource, number>()
      for (const i of items) sources.set(i.source, (sources.get(i.source) ?? 0) + 1)
      return {
        themeId: items[0]!.themeId,
        theme: items[0]!.theme,
        heard: counts.total,
        positive: counts.positive,
        mixed: counts.mixed,
        negative: counts.negative,
        sources: [...sources.entries()]
          .sort((a, b) => b[1] - a[1] || VOICE_SOURCES.indexOf(a[0]) - VOICE_SOURCES.indexOf(b[0]))
          .map(([source, count]) => ({ source, label: SOURCE_LABELS[source], count })),
      }
    })
    .sort((a, b) => b.heard - a.heard || a.theme.localeCompare(b.theme))
  const all = countTones(inQuarter)
  const row = (a: SectionInput['actions'][number]) => ({
    theme: a.theme,
    youSaid: a.youSaid,
    weDid: a.weDid,
    status: a.status,
    doneOn: a.doneOn,
  })
  const done = input.actions
    .filter((a) => a.doneOn !== null && a.doneOn >= quarter.start && a.doneOn <= to)
    .sort((a, b) => (b.doneOn ?? '').localeCompare(a.doneOn ?? ''))
    .map(row)
  // Open on asAt: not done by then. One done later was still open then, so it shows as in progress.
  const open = input.actions
    .filter((a) => a.doneOn === null || a.doneOn > asAt)
    .map((a) => row({ ...a, status: a.status === 'done' ? 'in-progress' : a.status, doneOn: null }))
  return {
    quarterLabel: quarter.label,
    quarterStart: quarter.start,
    quarterEnd: quarter.end,
    asAt,
    heard: all.total,
    positive: all.positive,
    mixed: all.mixed,
    negative: all.negative,
    themes,
    done,
    open,
  }
}

export async function loadChildrenVoiceSection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAtDay: string,
): Promise<ChildrenVoiceSection | null> {
  const [feedback, actions] = await Promise.all([
    feedbackKnownBy(db, organisationId, asAtDay),
    actionsRecordedBy(db, organisationId, asAtDay),
  ])
  const section = buildChildrenVoiceSection({
    quarter,
    asAt: asAtDay,
    feedback: feedback.map((f) => ({
      themeId: f.theme_id,
      theme: f.title,
      heardOn: f.heard_on,
      source: f.source,
      tone: f.tone,
    })),
    actions: actions.map((a) => ({
      theme: a.title,
      youSaid: a.you_said,
      weDid: a.we_did,
      status: a.status,
      doneOn: a.done_on,
    })),
  })
  return section && childrenVoiceSectionSchema.parse(section)
}
