// Reading the national statistics and Ofsted judgements (shared by every council), and linking a council
// to its local authority in them. Loading release files is release-repository.ts.
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export interface Area {
  code: string
  name: string
  regionCode: string | null
}

export interface Neighbour extends Area {
  rank: number
  closeness: string
}

export async function findArea(db: DbOrTx, code: string): Promise<Area | undefined> {
  const row = await db
    .selectFrom('national_area')
    .select(['code', 'name', 'region_code'])
    .where('code', '=', code)
    .executeTakeFirst()
  return row && { code: row.code, name: row.name, regionCode: row.region_code }
}

/** A local authority (not a region or England) by its code. */
export async function findLocalAuthority(db: DbOrTx, code: string) {
  return db
    .selectFrom('national_area')
    .selectAll()
    .where('code', '=', code)
    .where('level', '=', 'local authority')
    .executeTakeFirst()
}

export async function neighboursOf(db: DbOrTx, code: string): Promise<Neighbour[]> {
  const rows = await db
    .selectFrom('statistical_neighbour as s')
    .innerJoin('national_area as a', 'a.code', 's.neighbour_code')
    .select(['a.code', 'a.name', 'a.region_code', 's.rank', 's.closeness'])
    .where('s.area_code', '=', code)
    .orderBy('s.rank')
    .execute()
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    regionCode: r.region_code,
    rank: r.rank,
    closeness: r.closeness,
  }))
}

/** Every figure of the indicators for the areas, oldest year first. */
export async function figuresFor(db: DbOrTx, indicators: string[], areaCodes: string[]) {
  if (!indicators.length || !areaCodes.length) return []
  return db
    .selectFrom('national_value')
    .select(['indicator', 'area_code', 'year', 'value', 'suppression', 'numerator', 'denominator'])
    .where('indicator', 'in', indicators)
    .where('area_code', 'in', areaCodes)
    .orderBy('year')
    .execute()
}

/** Every council's published value of the indicators in the years: the field a rank is taken in. */
export async function councilValuesFor(db: DbOrTx, indicators: string[], years: number[]) {
  if (!indicators.length || !years.length) return []
  const rows = await db
    .selectFrom('national_value as v')
    .innerJoin('national_area as a', 'a.code', 'v.area_code')
    .select(['v.indicator', 'v.year', 'v.value'])
    .where('a.level', '=', 'local authority')
    .where('v.value', 'is not', null)
    .where('v.indicator', 'in', indicators)
    .where('v.year', 'in', years)
    .execute()
  return rows.map((r) => ({ indicator: r.indicator, year: r.year, value: r.value! }))
}

/** Councils as they are today: those in the statistical-neighbour model (abolished ones are not). */
export async function currentCouncils(db: DbOrTx) {
  return db
    .selectFrom('national_area as a')
    .select(['a.code', 'a.name'])
    .where('a.level', '=', 'local authority')
    .where((eb) =>
      eb.exists(eb.selectFrom('statistical_neighbour as s').select('s.rank').whereRef('s.area_code', '=', 'a.code')),
    )
    .orderBy('a.name')
    .execute()
}

/** One council's Ofsted inspections and visits, newest first. */
export async function inspectionsOf(db: DbOrTx, areaCode: string) {
  return db
    .selectFrom('ofsted_inspection')
    .selectAll()
    .where('area_code', '=', areaCode)
    .orderBy('started_on', 'desc')
    .execute()
}

/** Every current council's inspections (see currentCouncils), with the council's name. */
export async function currentCouncilInspections(db: DbOrTx) {
  return db
    .selectFrom('ofsted_inspection as i')
    .innerJoin('national_area as a', 'a.code', 'i.area_code')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('statistical_neighbour as s').select('s.rank').whereRef('s.area_code', '=', 'i.area_code'),
      ),
    )
    .select([
      'i.area_code',
      'a.name',
      'i.started_on',
      'i.published_on',
      'i.overall',
      'i.leaders',
      'i.help_and_protection',
      'i.in_care',
      'i.care_leavers',
    ])
    .execute()
}

export async function recentReleases(db: DbOrTx, limit: number) {
  return db
    .selectFrom('national_release as r')
    .leftJoin('app_user as u', 'u.id', 'r.loaded_by')
    .select([
      'r.id',
      'r.dataset',
      'r.file_name',
      'r.loaded_at',
      'r.values_added',
      'r.values_changed',
      'r.values_unchanged',
      'u.display_name',
    ])
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute()
}

/** Figures a later release changed, with the value before and after, newest first. */
export async function recentFigureChanges(db: DbOrTx, limit: number) {
  return db
    .selectFrom('national_value_change as c')
    .innerJoin('national_area as a', 'a.code', 'c.area_code')
    .innerJoin('national_release as r', 'r.id', 'c.release_id')
    .select([
      'c.indicator',
      'a.name',
      'c.year',
      'c.old_value',
      'c.old_suppression',
      'c.new_value',
      'c.new_suppression',
      'r.loaded_at',
    ])
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute()
}

/** Every council using Turnaround and the local authority code it is linked to (null if none). */
export async function servicedCouncils(db: DbOrTx) {
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'slug', 'name', 'la_code'])
    .where('kind', '=', 'council')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, laCode: r.la_code }))
}

/** The council's DfE local authority code, which links it to the national statistics (null if none). */
export async function councilLaCode(db: DbOrTx, organisationId: number): Promise<string | null> {
  const org = await db.selectFrom('organisation').select('la_code').where('id', '=', organisationId).executeTakeFirst()
  return org?.la_code ?? null
}

/** Links the council to a local authority in the statistics. False when it was linked to it already. */
export async function linkCouncil(
  trx: Tx,
  actor: Actor,
  council: { name: string },
  area: { code: string; name: string },
): Promise<boolean> {
  const before = await councilLaCode(trx, actor.organisationId)
  if (before === area.code) return false
  await trx.updateTable('organisation').set({ la_code: area.code }).where('id', '=', actor.organisationId).execute()
  await recordAudit(trx, actor, {
    entityType: 'council',
    entityId: actor.organisationId,
    action: 'update',
    summary: `Linked ${council.name} to ${area.name} (${area.code}) in the national statistics`,
    before: { la_code: before },
    after: { la_code: area.code },
  })
  return true
}
