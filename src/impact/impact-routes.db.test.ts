// Evidence of impact over HTTP: an objective's evidence page, adding an entry with or without an attachment
// (type and size checked, nothing lost on a refusal), downloading it, and withdrawing it with a reason.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'
import { todayIso } from '../shared/dates.js'
import { addDays } from '../shared/calendar.js'
import { ATTACHMENT_MAX_BYTES } from './evidence-validation.js'

const P = paths.council
const B = 'bradford'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n')

for (const kind of testDatabaseKinds()) {
  describe(`evidence of impact on ${kind.name}`, () => {
    let database: DatabaseHandle
    let lead: Agent
    let objectiveId: number

    before(async () => {
      database = await kind.openDemo()
      lead = await signedIn(buildTestApp(database.db), 'strand-lead@bradford.example')
      objectiveId = (await demoIds(database.db)).ownObjective
    })
    after(() => database.close())

    /** Posts the evidence form as a browser does (multipart), with the fields given and an optional file. */
    async function postEvidence(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
      const page = await lead.get(P.objectiveEvidence(B, objectiveId))
      let req = lead.post(P.objectiveEvidence(B, objectiveId)).field('_csrf', csrfFrom(page.text))
      for (const [name, value] of Object.entries(fields)) req = req.field(name, value)
      if (file) req = req.attach('file', file.bytes, file.name)
      return req
    }
    const today = dateFields('observedOn', todayIso())
    const entries = () =>
      database.db.selectFrom('evidence_entry').selectAll().where('objective_id', '=', objectiveId).execute()

    it('shows what the objective means for children, its impact today and its sources', async () => {
      const res = await lead.get(P.objectiveEvidence(B, objectiveId))
      assert.equal(res.status, 200)
      assert.match(res.text, /<h1[^>]*>Evidence of impact<\/h1>/)
      assert.match(res.text, /What will be different for children and families/)
      assert.match(res.text, /data-qa="impact"/)
      assert.match(res.text, /data-qa="add-evidence"/)
    })

    it('refuses a file of the wrong type, or too large, keeping everything typed and saving nothing', async () => {
      const count = (await entries()).length
      const fields = { ...today, kind: 'audit', direction: 'improving', summary: 'Twelve of fifteen plans were good' }
      const wrongType = await postEvidence(fields, { name: 'findings.exe', bytes: Buffer.from('MZ....') })
      assert.equal(wrongType.status, 400)
      assert.match(wrongType.text, /The selected file must be a PDF, Word \(\.docx\), Excel \(\.xlsx\), PNG or JPEG/)
      assert.match(wrongType.text, /Twelve of fifteen plans were good/)
      const disguised = await postEvidence(fields, { name: 'findings.pdf', bytes: Buffer.from('not a pdf') })
      assert.equal(disguised.status, 400)
      assert.match(disguised.text, /The selected file is not a real \.pdf file/)
      const tooBig = await postEvidence(fields, {
        name: 'big.pdf',
        bytes: Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES)]),
      })
      assert.equal(tooBig.status, 413)
      assert.match(tooBig.text, /The selected file must be smaller than 5 MB/)
      assert.match(tooBig.text, /Twelve of fifteen plans were good/)
      const future = await postEvidence({ ...fields, ...dateFields('observedOn', addDays(todayIso(), 1)) })
      assert.equal(future.status, 400)
      assert.match(future.text, /The date of the finding must be today or in the past/)
      assert.equal((await entries()).length, count, 'nothing saved')
    })

    it('adds an entry with an attachment, audited, and sends the file back as it came', async () => {
      const res = await postEvidence(
        { ...today, kind: 'children', direction: 'improving', summary: 'Children said they see the same worker' },
        { name: 'feedback summary.pdf', bytes: PDF },
      )
      assert.equal(res.status, 302)
      const entry = (await entries()).find((e) => e.summary === 'Children said they see the same worker')!
      assert.equal(entry.attachment_type, 'application/pdf')
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'evidence_entry')
        .where('entity_id', '=', String(entry.id))
        .execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create'],
      )
      const file = await lead.get(P.evidenceAttachment(B, entry.id)).buffer(true)
      assert.equal(file.status, 200)
      assert.equal(file.headers['content-type'], 'application/pdf')
      assert.match(String(file.headers['content-disposition']), /^attachment; filename="feedback summary\.pdf"/)
      assert.deepEqual(Buffer.from(file.body as Buffer), PDF)
      const page = await lead.get(P.objectiveEvidence(B, objectiveId))
      assert.match(page.text, /Children said they see the same worker/)
      assert.match(page.text, /Download feedback summary\.pdf/)
    })

    it('withdraws an entry only with a reason, and keeps it on the page marked withdrawn', async () => {
      const entry = (await entries()).find((e) => e.summary === 'Children said they see the same worker')!
      const form = P.withdrawEvidence(B, entry.id)
      const noReason = await postForm(lead, form, form, { reason: '' })
      assert.equal(noReason.status, 400)
      assert.match(noReason.text, /Enter why the entry is withdrawn/)
      const ok = await postForm(lead, form, form, { reason: 'Entered against the wrong objective' })
      assert.equal(ok.status, 302)
      const after = await database.db
        .selectFrom('evidence_entry')
        .selectAll()
        .where('id', '=', entry.id)
        .executeTakeFirstOrThrow()
      assert.equal(after.withdrawn_reason, 'Entered against the wrong objective')
      assert.ok(after.withdrawn_at)
      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'evidence_entry')
        .where('entity_id', '=', String(entry.id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create', 'update'],
      )
      const page = await lead.get(P.objectiveEvidence(B, objectiveId))
      assert.match(page.text, /Withdrawn[\s\S]*Entered against the wrong objective/)
    })
  })
}
