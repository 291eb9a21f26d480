// A report's statuses and reasons in plain words, for the exports that cannot link (Word, Excel). The
// page and the print view render the same fields with links to the items.
import { RAG_LABELS } from './status-rules.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import type { Rated } from './report-snapshot.js'

type Reasons = Rated['derived']['reasons']

/** "1 milestone at risk: Go live; 1 source of evidence worsening: Re-referrals". */
export function reasonsText(reasons: Reasons): string {
  return reasons
    .map((r) => (r.items.length ? `${r.text}: ${r.items.map((i) => i.label).join(', ')}` : r.text))
    .join('; ')
}

/** "Amber: some concerns (set by hand: ...)". */
export function overallText(status: Rated): string {
  return RAG_LABELS[status.rag] + (status.override ? ` (set by hand: ${status.override.reason})` : '')
}

/** "Delivery Green: on track; impact No evidence of impact yet", or empty for reports that did not rate them apart. */
export function partsText(status: Rated): string {
  const parts = [
    status.delivery ? `delivery ${RAG_LABELS[status.delivery.rag]}` : '',
    status.impact ? `impact ${IMPACT_LABELS[status.impact.level]}` : '',
  ].filter(Boolean)
  const text = parts.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}
