// The bulk assignment page: the improvement team filters the list of everything that can have an owner,
// ticks the items and gives them one owner in one go. Works without JavaScript: the filters are a GET form,
// the assignment a POST that keeps the filters.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { ownerField, ownerOptions, OwnerNotInCouncilError } from '../accounts/owners.js'
import { loadOwnerChoices, ownerProblem } from '../accounts/owner-repository.js'
import {
  assignOwners,
  filterItems,
  listOwnedItems,
  OWNED_ITEM_LABELS,
  OWNED_ITEM_TYPES,
  StaleSelectionError,
  type OwnerFilters,
} from './owner-assignment.js'

const P = paths.council

const ITEM_KEY = new RegExp(`^(${OWNED_ITEM_TYPES.join('|')}):[1-9][0-9]{0,8}$`)

/** The filters, from the query string; a value no page offers is ignored. */
const filtersSchema = z.object({
  type: z.enum(OWNED_ITEM_TYPES).nullable().catch(null),
  unassigned: z.literal('yes').nullable().catch(null),
  strand: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/)
    .transform(Number)
    .nullable()
    .catch(null),
})

function readFilters(query: unknown): OwnerFilters {
  const raw = (query ?? {}) as Record<string, unknown>
  const parsed = filtersSchema.parse({
    type: raw.type ?? null,
    unassigned: raw.unassigned ?? null,
    strand: raw.strand ?? null,
  })
  return { type: parsed.type, unassignedOnly: parsed.unassigned === 'yes', strandId: parsed.strand }
}

/** The filters as a query string ('' for none), so the page after an assignment shows the same list. */
function filterQuery(filters: OwnerFilters): string {
  const params = new URLSearchParams()
  if (filters.type) params.set('type', filters.type)
  if (filters.unassignedOnly) params.set('unassigned', 'yes')
  if (filters.strandId !== null) params.set('strand', String(filters.strandId))
  const text = params.toString()
  return text ? `?${text}` : ''
}

const assignSchema = z.object({
  items: z
    .preprocess(
      (v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
      z.array(z.unknown()),
    )
    .pipe(
      z
        .array(z.string().regex(ITEM_KEY, 'Select items from the list'))
        .min(1, 'Select the items to assign')
        .max(2000, 'Select fewer items: at most 2,000 at a time'),
    ),
  ownedBy: ownerField('Choose who to assign them to from the list').refine(
    (o) => o.kind !== 'none',
    'Choose who to assign them to',
  ),
})

export function ownerAssignmentRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const editAny = requireCapability('plan:edit-any')

  async function renderPage(
    req: Request,
    res: Response,
    view: { values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const { council } = context(req)
    const filters = readFilters(req.query)
    const choices = await loadOwnerChoices(db, council.organisationId)
    const { items, strands } = await listOwnedItems(db, council.organisationId, choices)
    const shown = filterItems(items, filters)
    const selected = view.values.items
    res.status(view.errors ? 400 : 200).render('reports/views/owners.njk', {
      ...view,
      items: shown,
      total: items.length,
      unassignedTotal: items.filter((i) => i.unassigned).length,
      selected: (Array.isArray(selected) ? selected : selected === undefined ? [] : [selected]).map(String),
      filters,
      query: filterQuery(filters),
      strands,
      types: OWNED_ITEM_TYPES.map((t) => ({ value: t, text: OWNED_ITEM_LABELS[t] })),
      typeLabels: OWNED_ITEM_LABELS,
      owners: ownerOptions(choices),
    })
  }

  router.get(P.owners.pattern, editAny, async (req, res) => {
    await renderPage(req, res, { values: {} })
  })

  router.post(P.owners.pattern, editAny, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(assignSchema, req.body)
    if (!form.ok) return renderPage(req, res, { values, errors: form.errors })
    const problem = await ownerProblem(db, council.organisationId, form.value.ownedBy)
    if (problem) return renderPage(req, res, { values, errors: singleError('ownedBy', problem) })
    let result: Awaited<ReturnType<typeof assignOwners>>
    try {
      result = await db.transaction().execute((trx) => assignOwners(trx, actor, form.value.items, form.value.ownedBy))
    } catch (error) {
      if (error instanceof StaleSelectionError) {
        const text =
          'Nothing was assigned: some of the items you selected are no longer in this list. Select them again'
        return renderPage(req, res, { values, errors: singleError('items', text) })
      }
      if (error instanceof OwnerNotInCouncilError) {
        return renderPage(req, res, { values, errors: singleError('ownedBy', error.message) })
      }
      throw error
    }
    const { assigned, unchanged, ownerText } = result
    flash(
      req,
      `${assigned} ${assigned === 1 ? 'item' : 'items'} assigned to ${ownerText}`,
      unchanged ? `${unchanged} of the items you selected already had this owner.` : undefined,
    )
    res.redirect(P.owners(council.slug) + filterQuery(readFilters(req.query)))
  })

  return router
}
