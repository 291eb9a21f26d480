// Loads DfE and Ofsted release files into the national tables. A load is atomic: a file with a problem
// changes nothing. New figures are added; a changed figure is updated and its earlier value kept in
// national_value_change; nothing is deleted.
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db } from '../db/connect.js'
import { projectRoot } from '../shared/project-root.js'
import { readTable, type Table } from '../shared/read-table.js'
import {
  ALL_DATASETS,
  missingColumns,
  type AnyDataset,
  type AreaRow,
  type FigureRow,
  type RowProblem,
} from './datasets.js'
import { parseOfstedRows } from './ofsted.js'

export const SHIPPED_DATA_DIR = path.join(projectRoot, 'national-data')

export interface LoadSummary {
  dataset: string
  fileName: string
  rowsRead: number
  added: number
  changed: number
  unchanged: number
  skipped: number
}

/** The file is not in the dataset's published format: it lacks these columns. */
export class WrongFormatError extends Error {
  constructor(
    readonly dataset: AnyDataset,
    readonly missing: string[],
  ) {
    super(
      `The file is not in the format of “${dataset.title}”: it has no ${missing.map((c) => `“${c}”`).join(', ')} column${missing.length === 1 ? '' : 's'}`,
    )
  }
}

/** Rows the file has that cannot be read: nothing was loaded. */
export class BadRowsError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(
      `${problems.length} ${problems.length === 1 ? 'row has a problem' : 'rows have problems'}: nothing was loaded`,
    )
  }
}

const CHUNK = 500

/** Reads, checks and loads one release file, all or nothing. */
export async function loadReleaseFile(
  db: Db,
  dataset: AnyDataset,
  buffer: Buffer,
  fileName: string,
  loadedBy: number | null,
): Promise<LoadSummary> {
  const table = await readTable(buffer, fileName)
  const missing = missingColumns(dataset, table.columns)
  if (missing.length) throw new WrongFormatError(dataset, missing)
  const sha256 = createHash('sha256').update(buffer).digest('hex')
  return db.transaction().execute(async (trx) => {
    const release = await trx
      .insertInto('national_release')
      .values({
        dataset: dataset.id,
        file_name: fileName,
        sha256,
        loaded_by: loadedBy,
        rows_read: table.rows.length,
        values_added: 0,
        values_changed: 0,
        values_unchanged: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const counts = await loadInto(trx, dataset, table, release.id)
    await trx
      .updateTable('national_release')
      .set({ values_added: counts.added, values_changed: counts.changed, values_unchanged: counts.unchanged })
      .where('id', '=', release.id)
      .execute()
    return { dataset: dataset.id, fileName, rowsRead: table.rows.length, ...counts }
  })
}

async function loadInto(trx: Db, dataset: AnyDataset, table: Table, releaseId: number) {
  switch (dataset.kind) {
    case 'figures': {
      const { areas, figures, problems } = dataset.extract(table.rows)
      if (problems.length) throw new BadRowsError(problems)
      await upsertAreas(trx, areas)
      const counts = await upsertFigures(trx, figures, releaseId)
      if (dataset.id === 'b1-children-in-need' || dataset.id === 'cla-numbers') {
        const rates = await upsertFigures(trx, await childrenInNeedRates(trx), releaseId)
        counts.added += rates.added
        counts.changed += rates.changed
        counts.unchanged += rates.unchanged
      }
      return counts
    }
    case 'neighbours':
      return replaceNeighbours(trx, table)
    case 'ofsted':
      return upsertInspections(trx, dataset.id, table)
  }
}

async function upsertAreas(trx: Db, areas: AreaRow[]): Promise<void> {
  // The latest year's name and region win.
  const latest = new Map<string, AreaRow>()
  for (const a of areas) {
    const seen = latest.get(a.code)
    if (!seen || a.year >= seen.year) latest.set(a.code, a)
  }
  const rows = [...latest.values()].map((a) => ({
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

function sameFigure(
  a: { value: number | null; suppression: string | null; numerator: number | null; denominator: number | null },
  b: FigureRow,
): boolean {
  return (
    a.value === b.value &&
    a.suppression === b.suppression &&
    a.numerator === b.numerator &&
    a.denominator === b.denominator
  )
}

async function upsertFigures(trx: Db, figures: FigureRow[], releaseId: number) {
  const byKey = new Map<string, FigureRow>()
  for (const f of figures) byKey.set(`${f.indicator}|${f.areaCode}|${f.year}`, f)
  const indicators = [...new Set(figures.map((f) => f.indicator))]
  const existing = new Map(
    (indicators.length
      ? await trx.selectFrom('national_value').selectAll().where('indicator', 'in', indicators).execute()
      : []
    ).map((v) => [`${v.indicator}|${v.area_code}|${v.year}`, v]),
  )
  let added = 0
  let unchanged = 0
  const writes: FigureRow[] = []
  const changes: Array<{ before: { value: number | null; suppression: string | null }; after: FigureRow }> = []
  for (const [key, f] of byKey) {
    const before = existing.get(key)
    if (!before) {
      added++
      writes.push(f)
    } else if (sameFigure(before, f)) {
      unchanged++
    } else {
      writes.push(f)
      changes.push({ before, after: f })
    }
  }
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
  return { added, changed: changes.length, unchanged, skipped: 0 }
}

/** Children in need per 10,000 children, from the published count and DfE's child population estimate. */
async function childrenInNeedRates(trx: Db): Promise<FigureRow[]> {
  const rows = await trx
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
  return rows.map((r) => {
    const ok = r.count !== null && r.population !== null && r.population > 0
    return {
      indicator: 'cin-rate',
      areaCode: r.area_code,
      year: r.year,
      value: ok ? Math.round((r.count! / r.population!) * 10000 * 10) / 10 : null,
      numerator: r.count,
      denominator: r.population,
      suppression: ok ? null : (r.countSuppression ?? 'x'),
    }
  })
}

async function replaceNeighbours(trx: Db, table: Table) {
  const known = new Set(
    (await trx.selectFrom('national_area').select('code').where('level', '=', 'local authority').execute()).map(
      (a) => a.code,
    ),
  )
  const problems: RowProblem[] = []
  const rows: Array<{ area_code: string; rank: number; neighbour_code: string; closeness: string }> = []
  for (const row of table.rows) {
    const code = row.cells.old_la_code ?? ''
    if (!known.has(code)) {
      problems.push({
        row: row.rowNumber,
        column: 'old_la_code',
        reason: `“${code}” is not a council in the loaded DfE figures`,
      })
      continue
    }
    for (let rank = 1; rank <= 10; rank++) {
      const neighbour = row.cells[`sn_${rank}`] ?? ''
      if (!known.has(neighbour)) {
        problems.push({
          row: row.rowNumber,
          column: `sn_${rank}`,
          reason: `“${neighbour}” is not a council in the loaded DfE figures`,
        })
        continue
      }
      rows.push({
        area_code: code,
        rank,
        neighbour_code: neighbour,
        closeness: (row.cells[`sn_${rank}p`] ?? '').trim(),
      })
    }
  }
  if (problems.length) throw new BadRowsError(problems)
  const before = await trx.selectFrom('statistical_neighbour').selectAll().execute()
  const beforeKey = new Map(before.map((b) => [`${b.area_code}|${b.rank}`, `${b.neighbour_code}|${b.closeness}`]))
  let added = 0
  let changed = 0
  let unchanged = 0
  for (const r of rows) {
    const was = beforeKey.get(`${r.area_code}|${r.rank}`)
    if (was === undefined) added++
    else if (was === `${r.neighbour_code}|${r.closeness}`) unchanged++
    else changed++
  }
  // The model is replaced as a whole for the councils the file lists; others keep their neighbours.
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
  return { added, changed, unchanged, skipped: 0 }
}

async function upsertInspections(trx: Db, datasetId: string, table: Table) {
  const areas = await trx.selectFrom('national_area').select(['code', 'ons_code', 'level']).execute()
  const byOns = new Map(
    areas.filter((a) => a.ons_code && a.level === 'local authority').map((a) => [a.ons_code!, a.code]),
  )
  const known = new Set(areas.map((a) => a.code))
  const { inspections, problems, skipped } = parseOfstedRows(datasetId, table.rows, (code) =>
    known.has(code) ? code : byOns.get(code),
  )
  if (problems.length) throw new BadRowsError(problems)
  const existing = new Map(
    (await trx.selectFrom('ofsted_inspection').selectAll().execute()).map((i) => [
      `${i.area_code}|${i.started_on}|${i.kind}`,
      i,
    ]),
  )
  // The data-to-insight scrape fills in what Ofsted's own files do not yet have; it never overrides them.
  const official = datasetId !== 'ofsted-ilacs-scrape'
  let added = 0
  let changed = 0
  let unchanged = 0
  const published = new Set([...existing.values()].map((i) => `${i.area_code}|${i.published_on}`))
  for (const i of inspections) {
    // The same inspection in Ofsted's files and the scrape: same council, same publication date.
    if (!official && published.has(`${i.area_code}|${i.published_on}`)) {
      unchanged++
      continue
    }
    const before = existing.get(`${i.area_code}|${i.started_on}|${i.kind}`)
    const fields = [
      'published_on',
      'overall',
      'leaders',
      'help_and_protection',
      'in_care',
      'care_leavers',
      'theme',
    ] as const
    if (!before) {
      added++
      await trx.insertInto('ofsted_inspection').values(i).execute()
      existing.set(`${i.area_code}|${i.started_on}|${i.kind}`, { ...i, id: 0 })
      published.add(`${i.area_code}|${i.published_on}`)
    } else if (!official || fields.every((f) => before[f] === i[f])) {
      unchanged++
    } else {
      changed++
      await trx.updateTable('ofsted_inspection').set(i).where('id', '=', before.id).execute()
    }
  }
  return { added, changed, unchanged, skipped }
}

/** True when no national figures are loaded yet. */
export async function nationalDataIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('national_release').select('id').limit(1).executeTakeFirst()
  return !row
}

/** Loads every file shipped in national-data/, in order. Used at first start and on demand. */
export async function loadShippedData(db: Db, loadedBy: number | null = null): Promise<LoadSummary[]> {
  const out: LoadSummary[] = []
  for (const dataset of ALL_DATASETS) {
    const file = path.join(SHIPPED_DATA_DIR, dataset.file)
    out.push(await loadReleaseFile(db, dataset, await fs.readFile(file), path.basename(file), loadedBy))
  }
  return out
}
