// The timeline page and its CSV: the council's whole improvement story in date order, filtered by type
// and years, grouped by year on the page. The CSV holds exactly the rows the page shows.
import { Router } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import type { FormErrors } from '../web/forms.js'
import { toCsv } from '../shared/csv.js'
import { todayIso } from '../shared/dates.js'
import { timelineSources } from './timeline-repository.js'
import {
  TIMELINE_CSV_HEADER,
  TIMELINE_TYPES,
  TIMELINE_TYPE_FILTER_LABELS,
  TIMELINE_TYPE_LABELS,
  buildTimeline,
  filterQuery,
  filterTimeline,
  groupByYear,
  parseTimelineFilter,
  timelineCsvRows,
  type FilterProblem,
} from './timeline.js'

const P = paths.council

function toErrors(problems: FilterProblem[]): FormErrors | undefined {
  if (problems.length === 0) return undefined
  const errors: FormErrors = { summary: [], fields: {} }
  for (const p of problems) {
    if (errors.fields[p.field]) continue
    errors.fields[p.field] = { text: p.message }
    errors.summary.push({ text: p.message, href: `#${p.field}` })
  }
  return errors
}

/** The query as typed, for showing the filter form again. */
function typed(query: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  return { from: text(query.from), to: text(query.to), order: query.order === 'newest' ? 'newest' : 'oldest' }
}

export function timelineRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')

  async function entriesFor(organisationId: number, slug: string) {
    return buildTimeline(slug, await timelineSources(db, organisationId))
  }

  router.get(P.timeline.pattern, read, async (req, res) => {
    const { council } = context(req)
    const query = req.query as Record<string, unknown>
    const { filter, problems } = parseTimelineFilter(query)
    const all = await entriesFor(council.organisationId, council.slug)
    const entries = filterTimeline(all, filter)
    const search = filterQuery(filter)
    res.status(problems.length ? 400 : 200).render('oversight/views/timeline.njk', {
      groups: groupByYear(entries),
      count: entries.length,
      total: all.length,
      filtered: filter.types.length > 0 || filter.fromYear !== null || filter.toYear !== null,
      typeItems: TIMELINE_TYPES.map((t) => ({
        value: t,
        text: TIMELINE_TYPE_FILTER_LABELS[t],
        checked: filter.types.includes(t),
      })),
      typeLabels: TIMELINE_TYPE_LABELS,
      values: typed(query),
      csvHref: P.timelineCsv(council.slug) + (search ? `?${search}` : ''),
      errors: toErrors(problems),
    })
  })

  router.get(P.timelineCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const { filter, problems } = parseTimelineFilter(req.query)
    if (problems.length > 0) {
      res.status(400).render('errors/400.njk', { message: problems.map((p) => p.message).join('. ') })
      return
    }
    const entries = filterTimeline(await entriesFor(council.organisationId, council.slug), filter)
    res
      .type('text/csv')
      .attachment(`timeline-${council.slug}-${todayIso()}.csv`)
      .send(toCsv(TIMELINE_CSV_HEADER, timelineCsvRows(entries)))
  })

  return router
}
