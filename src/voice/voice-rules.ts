// Children's and young people's voice, the pure rules: the labels of sources, tones and statuses (staff words
// and plain words for children), the refusal of anything that looks like a date of birth, the periods the
// feedback list filters by, and the rule that turns a theme's feedback into evidence for an objective. The
// pages, the CSV, the report and the impact rating all call these, so they always agree.
import type { VoiceActionStatus, VoiceSource, VoiceTone } from '../db/database.js'
import { VOICE_SOURCES, VOICE_TONES } from '../db/database.js'
import { addDays, addMonths } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'

export const SOURCE_LABELS: Record<VoiceSource, string> = {
  'advocacy-app': 'Advocacy app',
  'children-in-care-council': 'Children in Care Council',
  'participation-event': 'Participation event',
  complaint: 'Complaint',
  survey: 'Survey',
  other: 'Other',
}

/** How a child reads where we heard it: "We heard this ..." */
export const SOURCE_PLAIN: Record<VoiceSource, string> = {
  'advocacy-app': 'through the advocacy app',
  'children-in-care-council': 'at the Children in Care Council',
  'participation-event': 'at an event for children and young people',
  complaint: 'when someone told us they were unhappy',
  survey: 'in a survey',
  other: 'in another way',
}

export const TONE_LABELS: Record<VoiceTone, string> = {
  positive: 'Positive',
  mixed: 'Mixed',
  negative: 'Negative',
}

export const TONE_HINTS: Record<VoiceTone, string> = {
  positive: 'Children said things are going well',
  mixed: 'Some good and some not',
  negative: 'Children said things are not going well',
}

export const ACTION_STATUS_LABELS: Record<VoiceActionStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
}

export const isVoiceSource = (v: unknown): v is VoiceSource =>
  typeof v === 'string' && (VOICE_SOURCES as readonly string[]).includes(v)
export const isVoiceTone = (v: unknown): v is VoiceTone =>
  typeof v === 'string' && (VOICE_TONES as readonly string[]).includes(v)

// A full date as people type one: 3/4/2012, 03-04-12, 2012-04-03, 3 April 2012, April 3rd 2012, 3rd of Apr 2012.
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*'
const FULL_DATE =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{1,2}-\\d{1,2}|` +
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`

const DOB_PATTERNS: RegExp[] = [
  /\bd\.?\s?o\.?\s?b\b/i, // DOB, D.O.B, d o b
  /\bdates?\s+of\s+birth\b/i,
  /\bborn\s+on\b/i,
  // "born 3/4/2012", "birthday: 3 April 2012", "b. 2012-04-03": a full date next to a word about birth.
  new RegExp(`\\b(?:born|birthday|birth|b\\.)\\W{0,3}(?:\\w+\\W+){0,2}${FULL_DATE}`, 'i'),
  new RegExp(`${FULL_DATE}\\W{0,3}(?:\\w+\\W+){0,1}(?:born|birthday|birth)\\b`, 'i'),
]

/** Whether text looks like it holds someone's date of birth ("DOB", "born on", a full date next to "born"). */
export function looksLikeDateOfBirth(text: string): boolean {
  return DOB_PATTERNS.some((pattern) => pattern.test(text))
}

export const DATE_OF_BIRTH_MESSAGE =
  'Remove the date of birth: say what children told us, without anything that could identify a child (no names, no “DOB”, no “born on”)'

/** The periods the feedback list filters by, counted back from today. */
export const PERIODS = [
  { value: '3', text: 'Last 3 months', months: 3 },
  { value: '6', text: 'Last 6 months', months: 6 },
  { value: '12', text: 'Last 12 months', months: 12 },
  { value: 'all', text: 'Any time', months: null },
] as const
export type PeriodValue = (typeof PERIODS)[number]['value']

/** The first day of a period of `months` ending on `to` (inclusive): six months to 31 December is from 1 July. */
export function periodStart(to: string, months: number): string {
  return addDays(addMonths(to, -months), 1)
}

/** The first day of the period the filter names, or null for any time. */
export function periodFrom(period: PeriodValue, today: string): string | null {
  const found = PERIODS.find((p) => p.value === period)
  return found?.months ? periodStart(today, found.months) : null
}

export interface ToneCounts {
  total: number
  positive: number
  mixed: number
  negative: number
}

export function countTones(items: ReadonlyArray<{ tone: VoiceTone }>): ToneCounts {
  const counts: ToneCounts = { total: 0, positive: 0, mixed: 0, negative: 0 }
  for (const item of items) {
    counts.total += 1
    counts[item.tone] += 1
  }
  return counts
}

/** "6 items heard ...: 4 positive, 1 mixed, 1 negative" in words. */
export function toneCountsText(counts: ToneCounts): string {
  return `${counts.positive} positive, ${counts.mixed} mixed, ${counts.negative} negative`
}

export interface VoiceDirection {
  direction: 'improving' | 'no-change' | 'worsening'
  current: boolean
  counts: ToneCounts
  from: string
  detail: string
}

/**
 * The evidence rule for one theme on a day. Among the theme's feedback items heard in the six months to asAtDay
 * (from the day after the same date six months before, to asAtDay, both included): more positive than negative
 * is improving, more negative than positive is worsening, otherwise (equal, or none) no change. Mixed items are
 * counted and shown but tip neither way. Current when at least one item was heard in those six months.
 */
export function voiceDirection(
  items: ReadonlyArray<{ heardOn: string; tone: VoiceTone }>,
  asAtDay: string,
): VoiceDirection {
  const from = periodStart(asAtDay, 6)
  const counts = countTones(items.filter((i) => i.heardOn >= from && i.heardOn <= asAtDay))
  const direction =
    counts.positive > counts.negative ? 'improving' : counts.negative > counts.positive ? 'worsening' : 'no-change'
  const to = formatDate(asAtDay)
  const detail =
    counts.total === 0
      ? `No items heard in the six months to ${to}`
      : `${counts.total} ${counts.total === 1 ? 'item' : 'items'} heard in the six months to ${to}: ${toneCountsText(counts)}`
  return { direction, current: counts.total > 0, counts, from, detail }
}

/** The month an item was heard in, as a child reads it: "March 2026". */
export function monthText(iso: string): string {
  return formatDate(iso).replace(/^\d+\s+/, '')
}

/** What a theme's page says about the tone of what was heard, in plain words. */
export function toneSentence(counts: ToneCounts): string {
  if (counts.total === 0) return 'We have not heard anything about this yet.'
  if (counts.positive > counts.negative) return 'Most of what you told us was good.'
  if (counts.negative > counts.positive) return 'Most of what you told us was not good. We are working on it.'
  return 'You told us some good things and some things that need to get better.'
}
