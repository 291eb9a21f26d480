// Which inspection in the national Ofsted data an inspection or visit recorded here is, so its dates and
// judgements are read from Ofsted's published data rather than retyped. An event names its national
// record by id when it was recorded from that list; otherwise it matches on its kind and first day (the
// demo and older records, and any recorded before the national data was loaded).
import type { InspectionType, OversightEventKind } from '../db/database.js'

/** The national data's kind for an event kind ('standard inspection', ...), or null for reviews and JTAIs. */
export function nationalKindOf(kind: OversightEventKind, inspectionType: InspectionType | null): string | null {
  switch (kind) {
    case 'inspection':
      return inspectionType === 'short' ? 'short inspection' : 'standard inspection'
    case 'focused-visit':
      return 'focused visit'
    case 'monitoring-visit':
      return 'monitoring visit'
    default:
      return null
  }
}

export interface MatchableEvent {
  national_inspection_id: number | null
  kind: OversightEventKind
  inspection_type: InspectionType | null
  starts_on: string
}

/** The national record the event is, if the national data holds it. */
export function matchNational<T extends { id: number; kind: string; started_on: string }>(
  event: MatchableEvent,
  national: readonly T[],
): T | undefined {
  if (event.national_inspection_id !== null) return national.find((n) => n.id === event.national_inspection_id)
  const kind = nationalKindOf(event.kind, event.inspection_type)
  if (kind === null) return undefined
  return national.find((n) => n.kind === kind && n.started_on === event.starts_on)
}

/** The national records that no recorded event is: the timeline and "record from Ofsted's data" list them. */
export function unrecordedNational<T extends { id: number; kind: string; started_on: string }>(
  events: readonly MatchableEvent[],
  national: readonly T[],
): T[] {
  const recorded = new Set(events.map((e) => matchNational(e, national)?.id).filter((id) => id !== undefined))
  return national.filter((n) => !recorded.has(n.id))
}
