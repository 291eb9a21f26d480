// Writing release files into the national tables: the release record, areas, figures (a changed figure
// keeps its earlier value in national_value_change), the statistical-neighbour model and Ofsted
// inspections. Called inside the load's one transaction (load-national.ts decides what to write).
import type { DbOrTx, Tx } from '../db/connect.js'
import type { AreaLevel, OfstedInspectionTable } from '../db/database.js'
import type { Insertable } from 'kysely'
import type { FigureRow } from './datasets.js'

const CHUNK = 500

export async function insertRelease(
  trx: Tx,
  release: { dataset: string; fileName: string; sha256: string; loadedBy: number | null; rowsRead: number },
) {
  const row = await trx
    .insertInto('national_release')
    .values({
      dataset: release.dataset,
      file_name: release.fileName,
      sha256: release.sha256,
      loaded_by: release.loadedBy,
      rows_read: release.rowsRead,
      values_added: 0,
      values_changed: 0,
      values_unchanged: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function setReleaseCounts(
  trx: Tx,
  releaseId: number,
  counts: { added: number; changed: number; unchanged: number },
) {
  await trx
    .updateTable('national_release')
    .set({ values_added: counts.added, values_changed: counts.changed, values_unchanged: counts.unchanged })
    .where('id', '=', releaseId)
    .execute()
}

/** True when no release has been loaded yet. */
export async function nationalDataIsEmpty(db: DbOrTx): Promise<boolean> {
  return !(await db.selectFrom('national_release').select('id').limit(1).executeTakeFirst())
}

/** Adds areas, or renames them; a missing ONS or region code never erases a known one. */
export async function upsertAreas(
  trx: Tx,
  areas: Array<{ code: string; level: AreaLevel; name: string; onsCode: string | null; regionCode: string | null }>,
) {
  const rows = areas.map((a) => ({
    code: a.code,
    level: a.level,
    name: a.name,
    ons_code: a.onsCode,
    region_code: a.regionCode,
  }))
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('national_area')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          ons_code: eb.fn.coalesce('excluded.ons_code', 'national_area.ons_code'),
          region_code: eb.fn.coalesce('excluded.region_code', 'national_area.region_code'),
        })),
      )
      .execute()
  }
}

export async function listAreas(db: DbOrTx) {
  return db.selectFrom('national_area').select(['code', 'ons_code', 'level']).execute()
}

/** The figures already held for the indicators, keyed "indicator|area|year". */
export async function existingFigures(db: DbOrTx, indicators: string[]) {
  const rows = indicators.length
    ? await db.selectFrom('national_value').selectAll().where('indicator', 'in', indicators).execute()
    : []
  return new Map(rows.map((v) => [`${v.indicator}|${v.area_code}|${v.year}`, v]))
}

/** Writes new and changed figures, and keeps each changed figure's earlier value. */
export async function writeFigures(
  trx: Tx,
  releaseId: number,
  writes: FigureRow[],
  changes: Array<{ before: { value: number | null; suppression: string | null }; after: FigureRow }>,
) {
  for (let i = 0; i < writes.length; i += CHUNK) {
    await trx
      .insertInto('national_value')
      .values(
        writes.slice(i, i + CHUNK).map((f) => ({
          indicator: f.indicator,
          area_code: f.areaCode,
          year: f.year,
          value: f.value,
          numerator: f.numerator,
          denominator: f.denominator,
          suppression: f.suppression,
          release_id: releaseId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['indicator', 'area_code', 'year']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          numerator: eb.ref('excluded.numerator'),
          denominator: eb.ref('excluded.denominator'),
          suppression: eb.ref('excluded.suppression'),
          release_id: eb.ref('excluded.release_id'),
        })),
      )
      .execute()
  }
  const changeRows = changes.map(({ before, after }) => ({
    indicator: after.indicator,
    area_code: after.areaCode,
    year: after.year,
    old_value: before.value,
    old_suppression: before.suppression,
    new_value: after.value,
    new_suppression: after.suppression,
    release_id: releaseId,
  }))
  for (let i = 0; i < changeRows.length; i += CHUNK) {
    await trx
      .insertInto('national_value_change')
      .values(changeRows.slice(i, i + CHUNK))
      .execute()
  }
}

/** Each area and year's count of children in need beside DfE's child population estimate. */
export async function childrenInNeedWithPopulation(db: DbOrTx) {
  return db
    .selectFrom('national_value as c')
    .innerJoin('national_value as p', (j) =>
      j
        .onRef('p.area_code', '=', 'c.area_code')
        .onRef('p.year', '=', 'c.year')
        .on('p.indicator', '=', 'child-population'),
    )
    .where('c.indicator', '=', 'cin-count')
    .select(['c.area_code', 'c.year', 'c.value as count', 'c.suppression as countSuppression', 'p.value as population'])
    .execute()
}

export async function localAuthorityCodes(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.selectFrom('national_area').select('code').where('level', '=', 'local authority').execute()
  return new Set(rows.map((a) => a.code))
}

export type NeighbourRow = { area_code: string; rank: number; neighbour_code: string; closeness: string }

export async function listNeighbourModel(db: DbOrTx): Promise<NeighbourRow[]> {
  return db.selectFrom('statistical_neighbour').selectAll().execute()
}

/** Replaces the neighbours of the councils the rows list; other councils keep theirs. */
export async function replaceNeighbours(trx: Tx, rows: NeighbourRow[]) {
  const listed = [...new Set(rows.map((r) => r.area_code))]
  for (let i = 0; i < listed.length; i += CHUNK) {
    await trx
      .deleteFrom('statistical_neighbour')
      .where('area_code', 'in', listed.slice(i, i + CHUNK))
      .execute()
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('statistical_neighbour')
      .values(rows.slice(i, i + CHUNK))
      .execute()
  }
}

export async function listInspections(db: DbOrTx) {
  return db.selectFrom('ofsted_inspection').selectAll().execute()
}

export type NewInspection = Omit<Insertable<OfstedInspectionTable>, 'id'>

export async function insertInspection(trx: Tx, inspection: NewInspection) {
  await trx.insertInto('ofsted_inspection').values(inspection).execute()
}

export async function updateInspection(trx: Tx, id: number, inspection: NewInspection) {
  await trx.updateTable('ofsted_inspection').set(inspection).where('id', '=', id).execute()
}
