// Upload -> preview -> confirm. The upload is read and checked; the rows are kept as a pending batch;
// the preview lists every problem by row and column. Confirming re-checks against the current data
// and writes all rows in one transaction, or none.
import { Router, type Request, type Response } from 'express'
import ExcelJS from 'exceljs'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import { paths } from '../../web/paths.js'
import { context, requireCapability } from '../../web/auth.js'
import { receiveOneFile } from '../../web/upload.js'
import { NotFoundError } from '../../web/errors.js'
import { singleError, formBody } from '../../web/forms.js'
import { flash } from '../../web/flash.js'
import { recordParam } from '../../web/records.js'
import { toCsv } from '../../shared/csv.js'
import { recordAudit } from '../../audit/audit-repository.js'
import {
  claimImportBatch,
  createImportBatch,
  discardImportBatch,
  findImportBatch,
  type ImportBatch,
} from './import-batch-repository.js'
import { listMeasures, upsertBenchmark } from '../measure-repository.js'
import { applyValueChanges, planValueChanges, type ValueChange } from '../value-repository.js'
import {
  MAX_UPLOAD_BYTES,
  firstProblems,
  readTable,
  UploadError,
  fileKind,
  type Table,
} from '../../shared/read-table.js'
import {
  BENCHMARK_COLUMNS,
  VALUE_COLUMNS,
  validateBenchmarkImport,
  validateValueImport,
  type ImportMeasure,
  type ImportProblem,
} from './validate-import.js'
import { periodEnd, periodLabel } from '../../shared/calendar.js'
import { todayIso } from '../../shared/dates.js'
import { decidePeriodEdit } from '../../plan/period-lock.js'
import { listRoundLocks } from '../../plan/period-lock-repository.js'

const P = paths.council
const kindSchema = z.enum(['values', 'benchmarks'])
const PREVIEW_ROWS = 50

export function importRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const edit = [requireCapability('measures:read'), requireCapability('measures:edit')]
  // Another council's batch is a 404 for everyone.
  const batchParam = recordParam('batchId', (id, { council }) => findImportBatch(db, council.organisationId, id))
  batchParam.register(router)

  async function measuresByCode(organisationId: number) {
    const measures = await listMeasures(db, organisationId)
    return new Map<string, ImportMeasure & { name: string }>(measures.map((m) => [m.code.toLowerCase(), m]))
  }

  function renderUpload(res: Response, kind: string, errors?: ReturnType<typeof singleError>, status = 400) {
    res.status(errors ? status : 200).render('measures/views/import.njk', { kind, errors, values: { kind } })
  }

  router.get(P.importData.pattern, ...edit, (req, res) => {
    renderUpload(res, kindSchema.catch('values').parse(req.query.kind))
  })

  router.post(
    P.importData.pattern,
    ...edit,
    ...receiveOneFile(MAX_UPLOAD_BYTES, (_req, res, message, status) =>
      renderUpload(res, 'values', singleError('file', message), status),
    ),
    async (req, res) => {
      const kind = kindSchema.catch('values').parse(formBody(req).kind)
      const file = req.file
      if (!file) return renderUpload(res, kind, singleError('file', 'Select a CSV or XLSX file to upload'))
      if (!fileKind(file.originalname))
        return renderUpload(res, kind, singleError('file', 'The selected file must be a CSV or XLSX file'))
      let table: Table
      try {
        table = await readTable(file.buffer, file.originalname)
      } catch (error) {
        if (error instanceof UploadError) return renderUpload(res, kind, singleError('file', error.message))
        throw error
      }
      const { council, actor } = context(req)
      const filename = file.originalname.slice(0, 200)
      const batch = await db.transaction().execute((trx) => createImportBatch(trx, actor, kind, filename, table))
      res.redirect(P.importBatch(council.slug, batch.id))
    },
  )

  router.get(P.importTemplate.pattern, ...edit, async (req, res) => {
    const kind = kindSchema.safeParse(req.params.kind)
    const ext = z.enum(['csv', 'xlsx']).safeParse(req.params.ext)
    if (!kind.success || !ext.success) throw new NotFoundError()
    const measures = await listMeasures(db, context(req).council.organisationId)
    const example = measures.find((m) => !m.formula)
    const columns =
      kind.data === 'values'
        ? [...VALUE_COLUMNS.required, ...VALUE_COLUMNS.optional]
        : [...BENCHMARK_COLUMNS.required, ...BENCHMARK_COLUMNS.optional]
    const exampleRow =
      kind.data === 'values'
        ? [example?.code ?? 'MEASURE-CODE', '2023-01', '12.5', 'Optional note']
        : [example?.code ?? 'MEASURE-CODE', '2023-01', 'England', '16.7', 'DfE workforce statistics']
    const filename = `turnaround-${kind.data}-template.${ext.data}`
    if (ext.data === 'csv') {
      return res
        .type('text/csv')
        .attachment(filename)
        .send(toCsv(columns, [exampleRow]))
    }
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet(kind.data === 'values' ? 'Values' : 'Benchmarks')
    sheet.addRow(columns).font = { bold: true }
    sheet.addRow(exampleRow)
    sheet.columns.forEach((c) => (c.width = 22))
    const codes = workbook.addWorksheet('Measure codes')
    codes.addRow(['measure_code', 'name', 'frequency', 'unit']).font = { bold: true }
    for (const m of measures.filter((x) => !x.formula)) codes.addRow([m.code, m.name, m.frequency, m.unit])
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(filename)
      .send(Buffer.from(await workbook.xlsx.writeBuffer()))
  })

  /** Checks a batch against the council's measures as they are now. */
  async function check(req: Request, batch: ImportBatch) {
    const measures = await measuresByCode(context(req).council.organisationId)
    if (batch.kind === 'values') {
      const { rows, problems } = validateValueImport(batch.table, measures)
      const changes = problems.length ? [] : await planValueChanges(db, rows)
      const lockNote = problems.length ? '' : await checkLocks(req, measures, rows, changes, problems)
      return {
        measures,
        problems,
        changes,
        lockNote,
        benchmarkRows: [] as ReturnType<typeof validateBenchmarkImport>['rows'],
      }
    }
    const { rows, problems } = validateBenchmarkImport(batch.table, measures)
    return { measures, problems, changes: [] as ValueChange[], lockNote: '', benchmarkRows: rows }
  }

  /**
   * A value that would change a period a reporting round has locked is a problem on its row (nothing is
   * imported). In a reopened round only the improvement team may change it: the note, with the reason it was
   * reopened, goes into the audit entry.
   */
  async function checkLocks(
    req: Request,
    measures: Map<string, ImportMeasure & { name: string }>,
    rows: Array<{ row: number }>,
    changes: ValueChange[],
    problems: ImportProblem[],
  ): Promise<string> {
    const { council } = context(req)
    const rounds = await listRoundLocks(db, council.organisationId)
    if (!rounds.length) return ''
    const today = todayIso()
    const frequency = new Map([...measures.values()].map((m) => [m.id, m.frequency]))
    const ends: string[] = []
    changes.forEach((c, i) => {
      if (c.kind === 'unchanged') return
      const end = periodEnd(c.period, frequency.get(c.measureId)!)
      const decision = decidePeriodEdit(council.role, rounds, [end], today)
      if (decision.allowed) ends.push(end)
      else problems.push({ row: rows[i]!.row, column: 'period', reason: decision.message })
    })
    if (problems.length) return ''
    const decision = decidePeriodEdit(council.role, rounds, ends, today)
    return decision.allowed ? decision.auditNote : ''
  }

  router.get(P.importBatch.pattern, ...edit, async (req, res) => {
    const batch = batchParam.of(res)
    const { measures, problems, changes, benchmarkRows } =
      batch.status === 'pending'
        ? await check(req, batch)
        : {
            measures: new Map<string, ImportMeasure & { name: string }>(),
            problems: [] as ImportProblem[],
            changes: [],
            benchmarkRows: [],
          }
    const byId = new Map([...measures.values()].map((m) => [m.id, m]))
    const describe = (c: { measureId: number; period: string }) => {
      const m = byId.get(c.measureId)
      return { name: m?.name ?? '', period: m ? periodLabel(c.period, m.frequency) : c.period }
    }
    res.render('measures/views/import-preview.njk', {
      batch,
      rowCount: batch.table.rows.length,
      ...firstProblems(problems),
      counts: {
        new: changes.filter((c) => c.kind === 'new').length,
        changed: changes.filter((c) => c.kind === 'changed').length,
        unchanged: changes.filter((c) => c.kind === 'unchanged').length,
        benchmarks: benchmarkRows.length,
      },
      preview: changes
        .filter((c) => c.kind !== 'unchanged')
        .slice(0, PREVIEW_ROWS)
        .map((c) => ({ ...c, ...describe(c) })),
      benchmarkPreview: benchmarkRows.slice(0, PREVIEW_ROWS).map((b) => ({ ...b, ...describe(b) })),
      previewLimit: PREVIEW_ROWS,
    })
  })

  router.post(P.confirmImport.pattern, ...edit, async (req, res) => {
    const batch = batchParam.of(res)
    if (batch.status !== 'pending') return res.redirect(P.importBatch(context(req).council.slug, batch.id))
    const { measures, problems, changes, lockNote, benchmarkRows } = await check(req, batch)
    if (problems.length) return res.redirect(P.importBatch(context(req).council.slug, batch.id))
    const { council, actor } = context(req)
    const byId = new Map([...measures.values()].map((m) => [m.id, m]))
    const summary = await db.transaction().execute(async (trx) => {
      // Claim the batch first: a double-click confirms once.
      if (!(await claimImportBatch(trx, batch.id))) return undefined
      let text: string
      if (batch.kind === 'values') {
        const result = await applyValueChanges(
          trx,
          actor,
          changes,
          (id) => byId.get(id)?.name ?? String(id),
          `import of ${batch.filename}${lockNote ? `; ${lockNote}` : ''}`,
        )
        text = `${result.created} values added and ${result.updated} changed`
      } else {
        for (const b of benchmarkRows) await upsertBenchmark(trx, actor, byId.get(b.measureId)!, b)
        text = `${benchmarkRows.length} benchmark values imported`
      }
      await recordAudit(trx, actor, {
        entityType: 'import_batch',
        entityId: batch.id,
        action: 'create',
        summary: `Imported ${batch.filename}: ${text}`,
      })
      return text
    })
    flash(req, summary ? `Import complete: ${summary}` : 'This file was already imported')
    res.redirect(P.measures(council.slug))
  })

  router.post(P.discardImport.pattern, ...edit, async (req, res) => {
    const batch = batchParam.of(res)
    await db.transaction().execute((trx) => discardImportBatch(trx, context(req).actor, batch))
    flash(req, 'Import cancelled: nothing was changed')
    res.redirect(P.importData(context(req).council.slug))
  })

  return router
}
