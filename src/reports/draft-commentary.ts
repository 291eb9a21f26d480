// A strand's commentary drafted from its figures: factual sentences built from the same functions as the
// report's tables, so the words and the tables cannot disagree. Deterministic and local; the strand lead
// edits the draft, and what the lead saves is what the report publishes.
import type { MeasureSummary } from '../measures/measure-summary.js'
import { VARIATION_LABELS, ASSURANCE_LABELS } from '../measures/spc.js'
import { changeWords } from '../shared/units.js'
import { formatDate } from '../shared/dates.js'
import type { MilestoneSummary } from '../plan/milestone-status.js'
import type { EvidenceDirection } from '../db/database.js'
import type { MeasureRow } from './report-snapshot.js'

export interface DraftInput {
  asAt: string
  /** Each measure in the strand's table: its summary and the row the table shows. */
  measures: Array<{ summary: MeasureSummary; row: MeasureRow }>
  milestones: MilestoneSummary
  slippage: { replans: number; daysSlipped: number }
  /** The directions of the evidence entries current at the quarter's end. */
  evidence: EvidenceDirection[]
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

/** One sentence about a measure: latest figure and when, change on the previous figure, SPC, target, England. */
export function measureSentence(summary: MeasureSummary, row: MeasureRow): string {
  if (!summary.latest) return `${row.name}: no figures recorded.`
  const parts = [`${row.name}: ${row.latest} in ${row.latestPeriod}`]
  if (summary.previous)
    parts[0] += `, ${lowerFirst(changeWords(summary.change, summary.measure.decimals))} on ${summary.previous.label}`
  parts.push(lowerFirst(VARIATION_LABELS[summary.spc.variation]))
  if (summary.target) parts.push(`target ${row.target}, ${lowerFirst(ASSURANCE_LABELS[summary.spc.assurance])}`)
  if (row.england !== 'Not available') parts.push(`England ${row.england}`)
  const sentence = `${parts.join('; ')}.`
  return row.current === false ? `${sentence} Not current: ${lowerFirst(row.currencyNote)}.` : sentence
}

export function draftCommentary(input: DraftInput): string {
  const { milestones, slippage, evidence } = input
  const sentences: string[] = []
  if (milestones.total) {
    let line = `Milestones: ${milestones.complete} of ${milestones.total} complete by ${formatDate(input.asAt)}; ${milestones.overdue} overdue`
    if (slippage.replans)
      line += `; due dates moved ${slippage.replans} ${slippage.replans === 1 ? 'time' : 'times'}, ${slippage.daysSlipped} days in all`
    sentences.push(`${line}.`)
  }
  for (const m of input.measures) sentences.push(measureSentence(m.summary, m.row))
  const count = (d: EvidenceDirection) => evidence.filter((e) => e === d).length
  sentences.push(
    evidence.length
      ? `Evidence entries current at ${formatDate(input.asAt)}: ${evidence.length} (${count('improving')} improving, ${count('no-change')} no change, ${count('worsening')} worsening).`
      : `No evidence entry current at ${formatDate(input.asAt)}.`,
  )
  return sentences.join('\n')
}
