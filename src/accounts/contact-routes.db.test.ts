// Contacts without an account: added and changed by the improvement team, audited, validated with what was
// typed kept, each email once per council, and never seen by another council.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`contacts on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let lead: Agent
    let northfield: Agent

    const contact = (email: string) =>
      database.db
        .selectFrom('contact')
        .innerJoin('organisation', 'organisation.id', 'contact.organisation_id')
        .selectAll('contact')
        .select('organisation.slug')
        .where('contact.email', '=', email)
        .execute()
    const auditOf = (id: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'contact')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
      northfield = await signedIn(app, 'admin@northfield.example')
    })
    after(() => database.close())

    it('refuses a contact without a name or with a malformed email, keeping what was typed', async () => {
      const res = await postForm(team, P.newContact(B), P.newContact(B), {
        name: '  ',
        employer: 'Yorkshire Police',
        role: 'Inspector',
        email: 'not-an-email',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /There is a problem/)
      assert.match(res.text, /Enter their full name/)
      assert.match(res.text, /Enter an email address in the correct format, like name@example.org/)
      assert.match(res.text, /value="Yorkshire Police"/)
      assert.match(res.text, /value="not-an-email"/)
      assert.deepEqual(await contact('not-an-email'), [])
    })

    it('adds a contact, audited, and lists it for those who read the plan', async () => {
      const res = await postForm(team, P.newContact(B), P.newContact(B), {
        name: 'Sam Roe',
        employer: 'Yorkshire Police',
        role: 'Inspector',
        email: ' Sam.Roe@Police.example ',
      })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, P.contacts(B))
      const [saved] = await contact('sam.roe@police.example')
      assert.ok(saved, 'saved with the email in lower case')
      assert.equal(saved.slug, B)
      assert.equal(saved.name, 'Sam Roe')
      assert.equal(saved.employer, 'Yorkshire Police')
      assert.equal(saved.role, 'Inspector')
      const [entry] = await auditOf(saved.id)
      assert.equal(entry?.action, 'create')
      assert.equal((entry?.after as { email: string }).email, 'sam.roe@police.example')
      const list = await lead.get(P.contacts(B))
      assert.equal(list.status, 200)
      assert.match(list.text, /<th scope="row" class="govuk-table__header">Sam Roe<\/th>/)
      assert.match(list.text, /sam\.roe@police\.example/)
      assert.doesNotMatch(list.text, /data-qa="add-contact"/, 'a strand lead may read, not add')
      assert.equal((await lead.get(P.newContact(B))).status, 403)
    })

    it('refuses a second contact with the same email in the council, whatever its case, and saves nothing', async () => {
      const res = await postForm(team, P.newContact(B), P.newContact(B), {
        name: 'Samuel Roe',
        employer: '',
        role: '',
        email: 'SAM.ROE@police.example',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /Another contact already has this email address/)
      assert.match(res.text, /href="#email"/)
      assert.match(res.text, /value="Samuel Roe"/)
      assert.equal((await contact('sam.roe@police.example')).length, 1)
    })

    it('lets another council hold the same email, and never shows one council’s contacts to another', async () => {
      const res = await postForm(northfield, P.newContact('northfield'), P.newContact('northfield'), {
        name: 'Sam Roe (Northfield)',
        employer: '',
        role: '',
        email: 'sam.roe@police.example',
      })
      assert.equal(res.status, 302)
      const both = await contact('sam.roe@police.example')
      assert.deepEqual(both.map((c) => c.slug).sort(), [B, 'northfield'])
      const bradfordContact = both.find((c) => c.slug === B)!
      const northfieldContact = both.find((c) => c.slug === 'northfield')!
      assert.equal((await team.get(P.editContact(B, northfieldContact.id))).status, 404)
      const post = await postForm(team, P.contacts(B), P.editContact(B, northfieldContact.id), {
        name: 'Taken over',
        email: 'x@y.example',
      })
      assert.equal(post.status, 404)
      assert.equal((await northfield.get(P.editContact('northfield', bradfordContact.id))).status, 404)
      assert.doesNotMatch((await northfield.get(P.contacts('northfield'))).text, /Yorkshire Police/)
      assert.equal(
        (await contact('sam.roe@police.example')).find((c) => c.slug === 'northfield')?.name,
        'Sam Roe (Northfield)',
      )
    })

    it('changes a contact, audited with before and after, and refuses another contact’s email', async () => {
      const [saved] = await contact('sam.roe@police.example').then((l) => l.filter((c) => c.slug === B))
      assert.ok(saved)
      const form = P.editContact(B, saved.id)
      const page = await team.get(form)
      assert.equal(page.status, 200)
      assert.match(page.text, /value="sam\.roe@police\.example"/)
      const changed = await postForm(team, form, form, {
        name: 'Sam Roe',
        employer: 'West Yorkshire Police',
        role: 'Detective Inspector',
        email: 'sam.roe@police.example',
      })
      assert.equal(changed.status, 302, 'keeping its own email is fine')
      const entries = await auditOf(saved.id)
      const update = entries.at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.before as { role: string }).role, 'Inspector')
      assert.equal((update?.after as { role: string }).role, 'Detective Inspector')

      await postForm(team, P.newContact(B), P.newContact(B), { name: 'Kit Fox', email: 'kit@fox.example' })
      const clash = await postForm(team, form, form, {
        name: 'Sam Roe',
        employer: 'West Yorkshire Police',
        role: 'Detective Inspector',
        email: 'Kit@Fox.example',
      })
      assert.equal(clash.status, 400)
      assert.match(clash.text, /Another contact already has this email address/)
      const [after] = await contact('sam.roe@police.example').then((l) => l.filter((c) => c.slug === B))
      assert.equal(after?.email, 'sam.roe@police.example')
      assert.equal(after?.employer, 'West Yorkshire Police')
    })
  })
}
