// What each role's home page shows, gathered in a fixed number of queries (the plan in three, the measures
// in six, whatever their size). Every figure comes from the function that computes it elsewhere: ratings
// from the report builder, overdue from milestone-status, returns from the rounds' returnsSummary.
import type { DbOrTx } from '../db/connect.js'
import type { Plan } from '../db/database.js'
import type { CouncilAccess } from '../web/express-types.js'
import { can } from '../web/roles.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { findCurrentPlan, loadPlanTree, type PlanTree } from '../plan/plan-repository.js'
import { findPlanInForce } from '../plan/plan-lifecycle-repository.js'
import { judgedOn, overdueAt, summariseMilestones } from '../plan/milestone-status.js'
import { listVersions } from '../versions/version-repository.js'
import { loadCouncilMeasures } from '../measures/measure-service.js'
import { listReports } from '../reports/report-repository.js'
import { requestCounts } from '../reports/partner-request-state.js'
import { findCurrentRound, listRequestsFor } from '../rounds/my-updates-repository.js'
import { listMyItems, listOwedItems, returnsSummary, type OwedItem } from '../rounds/owed-items.js'
import { ROUND_STATE_LABELS, ROUND_STATE_TAGS, quartersToOpen, roundState } from '../rounds/round-rules.js'
import { ITEM_TYPE_LABELS } from '../rounds/my-updates-routes.js'
import { keyMeasures } from '../measures/key-measures.js'
import { strandRatingsToday } from './plan-ratings.js'
import { findEmployer, latestPublishedReports, nextBoardDates } from './home-repository.js'

type Council = Pick<CouncilAccess, 'organisationId' | 'name'>

type Tree = PlanTree['strands']
type TreeStrand = Tree[number]
type TreeObjective = TreeStrand['objectives'][number]
type TreeMilestone = TreeObjective['milestones'][number]

/** A milestone with where it sits, for lists that link to it. */
export type PlacedMilestone = TreeMilestone & { objective: TreeObjective & { strand: TreeStrand } }

/** The active strands' active objectives' milestones, each knowing its objective and strand. */
function activeMilestones(strands: Tree): PlacedMilestone[] {
  return strands
    .filter((s) => s.status === 'active')
    .flatMap((s) => s.objectives.filter((o) => o.status === 'active').map((o) => ({ ...o, strand: s })))
    .flatMap((o) => o.milestones.map((m) => ({ ...m, objective: o })))
}

/**
 * Overdue and due-soon milestones on `today` (none for a closed plan: it chases nothing), and the counts
 * as they stand on the day the plan is judged (its closing day, once closed).
 */
function milestoneWatch(plan: Plan, strands: Tree, today: string) {
  const milestones = activeMilestones(strands)
  const chased = plan.closed_on ? [] : milestones
  const dueSoonLimit = addDays(today, 30)
  return {
    counts: summariseMilestones(milestones, judgedOn(today, plan.closed_on)),
    overdue: chased.filter((m) => overdueAt(m, today)).sort((a, b) => a.due_on.localeCompare(b.due_on)),
    dueSoon: chased.filter((m) => m.status !== 'complete' && m.due_on >= today && m.due_on <= dueSoonLimit),
  }
}

/** The running quarter, and its report if one has been started (the newest revision). */
async function quarterAndReport(db: DbOrTx, organisationId: number, today: string) {
  const quarter = quarterOf(today)
  const quarterReport = (await listReports(db, organisationId)).find((r) => r.quarter_start === quarter.start)
  return { quarter, quarterReport }
}

/**
 * A Director's, Board member's or adviser's view: the plan in force, each active strand's delivery and
 * impact today, the key measures with their SPC verdicts, the next Board date and the latest report.
 */
export async function boardHome(db: DbOrTx, council: Council, today: string) {
  const [plan, boards, reports] = await Promise.all([
    findPlanInForce(db, council.organisationId, today),
    nextBoardDates(db, [council.organisationId], today),
    latestPublishedReports(db, [council.organisationId]),
  ])
  const common = {
    quarter: quarterOf(today),
    nextBoard: boards.get(council.organisationId) ?? null,
    latestReport: reports.get(council.organisationId) ?? null,
  }
  if (!plan) return { ...common, plan: null, strands: [], measures: [] }
  const [tree, measures] = await Promise.all([
    loadPlanTree(db, plan.id),
    loadCouncilMeasures(db, council.organisationId, today),
  ])
  return {
    ...common,
    plan,
    strands: await strandRatingsToday(db, council, plan, tree, measures, today),
    measures: keyMeasures(measures, tree),
  }
}

/** The improvement team's and administrators' view of the plan: counts, overdue, due soon, the quarter's report. */
export async function teamHome(db: DbOrTx, council: Council, today: string) {
  const plan = await findCurrentPlan(db, council.organisationId)
  if (!plan) return { plan: null }
  const [tree, versions, quarter] = await Promise.all([
    loadPlanTree(db, plan.id),
    listVersions(db, plan.id),
    quarterAndReport(db, council.organisationId, today),
  ])
  const active = tree.strands.filter((s) => s.status === 'active')
  const watch = milestoneWatch(plan, tree.strands, today)
  return {
    plan,
    latestVersion: versions[0],
    ...quarter,
    counts: {
      strands: active.length,
      objectives: active.flatMap((s) => s.objectives.filter((o) => o.status === 'active')).length,
      ...watch.counts,
    },
    overdue: watch.overdue,
    dueSoon: watch.dueSoon,
  }
}

/**
 * A strand lead's strands in the current plan (those they lead, no others): each active objective's
 * milestones complete, overdue and in all, and the overdue milestones of those strands.
 */
export async function leadStrands(db: DbOrTx, council: Council, userId: number, today: string) {
  const plan = await findCurrentPlan(db, council.organisationId)
  if (!plan) return { plan: null, strands: [], overdue: [] }
  const tree = await loadPlanTree(db, plan.id)
  const mine = tree.strands.filter((s) => s.status === 'active' && s.lead_user_id === userId)
  const judged = judgedOn(today, plan.closed_on)
  const strands = mine.map((s) => {
    const objectives = s.objectives
      .filter((o) => o.status === 'active')
      .map((o) => ({ id: o.id, title: o.title, counts: summariseMilestones(o.milestones, judged) }))
    return {
      id: s.id,
      code: s.code,
      title: s.title,
      objectives,
      counts: summariseMilestones(
        s.objectives.filter((o) => o.status === 'active').flatMap((o) => o.milestones),
        judged,
      ),
    }
  })
  return { plan, strands, overdue: milestoneWatch(plan, mine, today).overdue }
}

/** The published versions of the current plan: all a viewer or partner may read of it. */
export async function publishedPlan(db: DbOrTx, council: Council) {
  const plan = await findCurrentPlan(db, council.organisationId)
  const versions = plan ? await listVersions(db, plan.id) : []
  return { plan: plan ?? null, latestVersion: versions[0] }
}

/** How many of the people most behind the improvement team's home page lists. */
export const MOST_BEHIND = 5

/**
 * The open round's returns (the council's latest round not locked, or reopened): done and outstanding
 * overall, by strand and by person, from returnsSummary. With no round open: the quarter just ended, to open
 * a round for, unless its round exists already (it is then locked).
 */
export async function roundReturns(db: DbOrTx, organisationId: number, today: string) {
  const { current, latest } = await findCurrentRound(db, organisationId, today)
  if (!current) {
    const justEnded = quartersToOpen(today)[0]!
    const opened = latest !== undefined && latest.quarter_start >= justEnded.start
    return {
      open: false as const,
      toOpen: opened ? null : justEnded,
      lastRound: latest ? { id: latest.id, quarterLabel: quarterOf(latest.quarter_start).label } : null,
    }
  }
  const summary = returnsSummary(await listOwedItems(db, current))
  const state = roundState(current, today)
  return {
    open: true as const,
    round: current,
    quarterLabel: quarterOf(current.quarter_start).label,
    stateLabel: ROUND_STATE_LABELS[state],
    stateTag: ROUND_STATE_TAGS[state],
    summary,
    behind: summary.byPerson.filter((p) => p.key !== 'none' && p.outstanding > 0).slice(0, MOST_BEHIND),
    unowned: summary.byPerson.find((p) => p.key === 'none' && p.outstanding > 0) ?? null,
  }
}

/** What a person owes in the open round (listMyItems): those still to do, soonest due first, and the counts. */
export async function myRoundItems(db: DbOrTx, organisationId: number, userId: number, today: string) {
  const { current } = await findCurrentRound(db, organisationId, today)
  if (!current) return { open: false as const }
  const items = await listMyItems(db, current, userId)
  const todo: OwedItem[] = items.filter((i) => !i.done)
  return {
    open: true as const,
    round: current,
    quarterLabel: quarterOf(current.quarter_start).label,
    todo: todo.map((i) => ({ ...i, kindLabel: ITEM_TYPE_LABELS[i.type] })),
    done: items.length - todo.length,
    total: items.length,
  }
}

/**
 * Each council in one line, for someone with several (an adviser): the plan in force, the open round's
 * returns, overdue milestones, the latest published report and the next Board meeting. The reports are read
 * for all councils at once; the plan and round per council. Returns and overdue milestones are the live
 * plan's, so they are left out (null) where the person's role reads published work only.
 */
export async function councilLines(db: DbOrTx, councils: CouncilAccess[], today: string) {
  const ids = councils.map((c) => c.organisationId)
  const [boards, reports] = await Promise.all([nextBoardDates(db, ids, today), latestPublishedReports(db, ids)])
  return Promise.all(
    councils.map(async (council) => {
      const liveReader = can(council.role, 'plan:read-draft')
      const plan = await findPlanInForce(db, council.organisationId, today)
      let overdue: number | null = null
      let returns: { percentDone: number | null; quarterLabel: string } | null = null
      if (liveReader) {
        if (plan) overdue = milestoneWatch(plan, (await loadPlanTree(db, plan.id)).strands, today).counts.overdue
        const round = await roundReturns(db, council.organisationId, today)
        if (round.open) returns = { percentDone: round.summary.percentDone, quarterLabel: round.quarterLabel }
      }
      return {
        council,
        planTitle: plan?.title ?? null,
        planClosedOn: plan?.closed_on ?? null,
        liveReader,
        overdue,
        returns,
        latestReport: reports.get(council.organisationId) ?? null,
        nextBoard: boards.get(council.organisationId) ?? null,
      }
    }),
  )
}

/**
 * A partner's view: the council's requests addressed to their organisation (or to them by name), those still
 * awaited first. Each awaited one can be answered on "My updates" at any time, round or no round.
 */
export async function partnerHome(db: DbOrTx, council: Council, userId: number) {
  const [employer, published] = await Promise.all([findEmployer(db, userId), publishedPlan(db, council)])
  const requests = await listRequestsFor(db, council.organisationId, {
    userId,
    employerOrganisationId: employer?.id ?? null,
  })
  // The counts beside the link to the partner's own pages (src/partners/contribution-routes.ts).
  const counts = requestCounts([...requests.open, ...requests.answered], todayIso())
  return { ...published, employer: employer?.name ?? null, requests, counts }
}
