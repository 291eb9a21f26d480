// Loads DfE and Ofsted release files into the national tables. A load is atomic: a file with a problem
// changes nothing. New figures are added; a changed figure is updated and its earlier value kept in
// national_value_change; nothing is deleted. The audit entry, when a person loads, is written in the
// same transaction.
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db, Tx } from '../db/connect.js'
import { SERVICE_WIDE_ENTITY_TYPES, recordAudit, type AuditActor } from '../audit/audit-repository.js'
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
import * as releases from './release-repository.js'

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

/** Who is loading: the service administrator (recorded at service level), or the system at start-up. */
const SYSTEM: AuditActor = { userId: null, organisationId: null }

/** Reads, checks and loads one release file, all or nothing. */
export async function loadReleaseFile(
  db: Db,
  dataset: AnyDataset,
  buffer: Buffer,
  fileName: string,
  actor: AuditActor = SYSTEM,
): Promise<LoadSummary> {
  const table = await readTable(buffer, fileName)
  const missing = missingColumns(dataset, table.columns)
  if (missing.length) throw new WrongFormatError(dataset, missing)
  const sha256 = createHash('sha256').update(buffer).digest('hex')
  return db.transaction().execute(async (trx) => {
    const releaseId = await releases.insertRelease(trx, {
      dataset: dataset.id,
      fileName,
      sha256,
      loadedBy: actor.userId,
      rowsRead: table.rows.length,
    })
    const counts = await loadInto(trx, dataset, table, releaseId)
    await releases.setReleaseCounts(trx, releaseId, counts)
    const summary = { dataset: dataset.id, fileName, rowsRead: table.rows.length, ...counts }
    // A load by a person is recorded at service level (no council), and every council's trail shows it;
    // a load at start-up (no person) is not recorded.
    if (actor.userId !== null) {
      await recordAudit(trx, actor, {
        entityType: SERVICE_WIDE_ENTITY_TYPES[0],
        entityId: dataset.id,
        action: 'load',
        summary: `Loaded ${fileName} (${dataset.title}): ${counts.added} added, ${counts.changed} changed, ${counts.unchanged} unchanged`,
        after: summary,
      })
    }
    return summary
  })
}

async function loadInto(trx: Tx, dataset: AnyDataset, table: Table, releaseId: number) {
  switch (dataset.kind) {
    case 'figures': {
      const { areas, figures, problems } = dataset.extract(table.rows)
      if (problems.length) throw new BadRowsError(problems)
      await releases.upsertAreas(trx, latestNames(areas))
      const counts = await loadFigures(trx, figures, releaseId)
      if (dataset.id === 'b1-children-in-need' || dataset.id === 'cla-numbers') {
        const rates = await loadFigures(trx, await childrenInNeedRates(trx), releaseId)
        counts.added += rates.added
        counts.changed += rates.changed
        counts.unchanged += rates.unchanged
      }
      return counts
    }
    case 'neighbours':
      return loadNeighbours(trx, table)
    case 'ofsted':
      return loadInspections(trx, dataset.id, table)
  }
}

/** One row per area: the latest year's name and region win. */
function latestNames(areas: AreaRow[]): AreaRow[] {
  const latest = new Map<string, AreaRow>()
  for (const a of areas) {
    const seen = latest.get(a.code)
    if (!seen || a.year >= seen.year) latest.set(a.code, a)
  }
  return [...latest.values()]
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

async function loadFigures(trx: Tx, figures: FigureRow[], releaseId: number) {
  const byKey = new Map<string, FigureRow>()
  for (const f of figures) byKey.set(`${f.indicator}|${f.areaCode}|${f.year}`, f)
  const existing = await releases.existingFigures(trx, [...new Set(figures.map((f) => f.indicator))])
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
  await releases.writeFigures(trx, releaseId, writes, changes)
  return { added, changed: changes.length, unchanged, skipped: 0 }
}

/** Children in need per 10,000 children, from the published count and DfE's child population estimate. */
async function childrenInNeedRates(trx: Tx): Promise<FigureRow[]> {
  const rows = await releases.childrenInNeedWithPopulation(trx)
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

async function loadNeighbours(trx: Tx, table: Table) {
  const known = await releases.localAuthorityCodes(trx)
  const problems: RowProblem[] = []
  const rows: releases.NeighbourRow[] = []
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
  const before = await releases.listNeighbourModel(trx)
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
  await releases.replaceNeighbours(trx, rows)
  return { added, changed, unchanged, skipped: 0 }
}

async function loadInspections(trx: Tx, datasetId: string, table: Table) {
  const areas = await releases.listAreas(trx)
  const byOns = new Map(
    areas.filter((a) => a.ons_code && a.level === 'local authority').map((a) => [a.ons_code!, a.code]),
  )
  const known = new Set(areas.map((a) => a.code))
  const { inspections, problems, skipped } = parseOfstedRows(datasetId, table.rows, (code) =>
    known.has(code) ? code : byOns.get(code),
  )
  if (problems.length) throw new BadRowsError(problems)
  const existing = new Map(
    (await releases.listInspections(trx)).map((i) => [`${i.area_code}|${i.started_on}|${i.kind}`, i]),
  )
  // The data-to-insight scrape fills in what Ofsted's own files do not yet have; it never overrides them.
  const official = datasetId !== 'ofsted-ilacs-scrape'
  let added = 0
  let changed = 0
  let unchanged = 0
  const published = new Set([...existing.values()].map((i) => `${i.area_code}|${i.published_on}`))
  const fields = [
    'published_on',
    'overall',
    'leaders',
    'help_and_protection',
    'in_care',
    'care_leavers',
    'theme',
  ] as const
  for (const i of inspections) {
    // The same inspection in Ofsted's files and the scrape: same council, same publication date.
    if (!official && published.has(`${i.area_code}|${i.published_on}`)) {
      unchanged++
      continue
    }
    const before = existing.get(`${i.area_code}|${i.started_on}|${i.kind}`)
    if (!before) {
      added++
      await releases.insertInspection(trx, i)
      existing.set(`${i.area_code}|${i.started_on}|${i.kind}`, { ...i, id: 0 })
      published.add(`${i.area_code}|${i.published_on}`)
    } else if (!official || fields.every((f) => before[f] === i[f])) {
      unchanged++
    } else {
      changed++
      await releases.updateInspection(trx, before.id, i)
    }
  }
  return { added, changed, unchanged, skipped }
}

/** Loads every file shipped in national-data/, in order, each in its own transaction. */
export async function loadShippedData(db: Db, actor: AuditActor = SYSTEM): Promise<LoadSummary[]> {
  const out: LoadSummary[] = []
  for (const dataset of ALL_DATASETS) {
    const file = path.join(SHIPPED_DATA_DIR, dataset.file)
    out.push(await loadReleaseFile(db, dataset, await fs.readFile(file), path.basename(file), actor))
  }
  return out
}
