// The Sent mail pages (who may read them, each council's own mail only) and each person's own mail and
// mail choices.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle, Db } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { organisationIdOf, userIdOf } from '../test-support/demo-ids.js'
import { queueMail, type MailMessage } from './outbox.js'
import { LINK_HIDDEN, LINK_REMOVED, sendDueMail } from './mail-worker.js'
import { outboxTransport, type MailTransport } from './transports.js'

/**
 * "Now" for a run just after queuing: PostgreSQL stamps a message in microseconds and a Date holds
 * milliseconds, so a Date taken in the same millisecond can fall before the message it should find.
 */
const dueNow = () => new Date(Date.now() + 5)

const P = paths.council
const B = 'bradford'

/** Accepts everything, as a mail server would: the worker then records the message as sent by SMTP. */
const acceptingSmtp: MailTransport = { name: 'smtp', send: () => Promise.resolve(), close() {} }

async function messageId(db: Db, subject: string): Promise<number> {
  return (await db.selectFrom('outbox_message').select('id').where('subject', '=', subject).executeTakeFirstOrThrow())
    .id
}
const count = (html: string, pattern: RegExp) => (html.match(new RegExp(pattern.source, 'g')) ?? []).length

for (const kind of testDatabaseKinds()) {
  describe(`mail pages on ${kind.name}`, () => {
    let database: DatabaseHandle
    let db: Db
    let app: ReturnType<typeof buildTestApp>
    let admin: Agent
    let team: Agent
    let lead: Agent
    let northfieldAdmin: Agent
    let ids: { bradford: number; northfield: number; team: number; lead: number }

    before(async () => {
      database = await kind.openDemo()
      db = database.db
      await db.deleteFrom('outbox_message').execute() // only the messages below
      ids = {
        bradford: await organisationIdOf(db, B),
        northfield: await organisationIdOf(db, 'northfield'),
        team: await userIdOf(db, 'improvement@bradford.example'),
        lead: await userIdOf(db, 'strand-lead@bradford.example'),
      }
      const toTeam = (subject: string, extra: Partial<MailMessage> = {}): MailMessage => ({
        organisationId: ids.bradford,
        to: { userId: ids.team, email: 'improvement@bradford.example' },
        category: 'notice',
        template: 'test',
        subject,
        body: `Dear Demo,\n\nAbout ${subject}.`,
        ...extra,
      })
      // Sent by SMTP, its single-use link removed once sent.
      await queueMail(
        db,
        toTeam('Invitation sent by SMTP', {
          category: 'essential',
          body: 'Open this link:\nhttp://turnaround.test/invitation/sent-token-123',
        }),
      )
      await sendDueMail(db, acceptingSmtp, dueNow(), () => {})
      // Kept in the outbox, link and all (no mail server): an administrator passes it on.
      await queueMail(
        db,
        toTeam('Invitation kept in the outbox', {
          category: 'essential',
          to: { userId: ids.lead, email: 'strand-lead@bradford.example' },
          body: 'Open this link:\nhttp://turnaround.test/invitation/kept-token-456',
        }),
      )
      await sendDueMail(db, outboxTransport(), dueNow(), () => {})
      await queueMail(db, toTeam('Retrying notice'))
      await queueMail(db, toTeam('Failed notice'))
      await db.updateTable('app_user').set({ mail_reminders: false }).where('id', '=', ids.team).execute()
      await queueMail(db, toTeam('Opted-out reminder', { category: 'reminder' }))
      await db.updateTable('app_user').set({ mail_reminders: true }).where('id', '=', ids.team).execute()
      await db
        .updateTable('outbox_message')
        .set({ attempts: 1, last_error: 'The mail server refused it: 451 Try again later' })
        .where('subject', '=', 'Retrying notice')
        .execute()
      await db
        .updateTable('outbox_message')
        .set({ status: 'failed', attempts: 8, last_error: 'The mail server refused it: 550 Mailbox unavailable' })
        .where('subject', '=', 'Failed notice')
        .execute()
      // A password reset belongs to no council; Northfield's mail is Northfield's.
      await queueMail(db, toTeam('Reset your password', { organisationId: null, category: 'essential' }))
      await queueMail(
        db,
        toTeam('Northfield notice', {
          organisationId: ids.northfield,
          to: { userId: null, email: 'someone@northfield.example' },
        }),
      )
      app = buildTestApp(db)
      admin = await signedIn(app, 'admin@bradford.example')
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
      northfieldAdmin = await signedIn(app, 'admin@northfield.example')
    })
    after(() => database.close())

    it('shows the council’s mail to its administrators and improvement team, newest first, with each status', async () => {
      for (const agent of [admin, team]) {
        const res = await agent.get(P.sentMail(B))
        assert.equal(res.status, 200)
        assert.match(res.text, /<h1[^>]*>Sent mail<\/h1>/)
        assert.match(res.text, /data-qa="sent-mail-total">5 messages</)
      }
      const { text } = await admin.get(P.sentMail(B))
      const order = ['Opted-out reminder', 'Failed notice', 'Retrying notice', 'Invitation kept in the outbox']
      const positions = order.map((s) => text.indexOf(s))
      assert.ok(
        positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!)),
        `newest first: ${positions.join(', ')}`,
      )
      assert.match(text, />Sent<\/strong>/)
      assert.match(text, />Kept in the outbox<\/strong>\s*<p[^>]*>No mail server is set up</)
      assert.match(text, />Waiting to retry<\/strong>\s*<p[^>]*>Attempt 2, next try at /)
      assert.match(
        text,
        />Failed<\/strong>\s*<p[^>]*>After 8 tries: The mail server refused it: 550 Mailbox unavailable/,
      )
      assert.match(text, />Not sent<\/strong>\s*<p[^>]*>They opted out/)
      assert.doesNotMatch(text, /Northfield notice|Reset your password/)
      assert.match(text, /Reminder of a deadline/)
    })

    it('filters by status, and explains a status it does not know', async () => {
      const failed = await admin.get(`${P.sentMail(B)}?status=failed`)
      assert.match(failed.text, /Failed notice/)
      assert.equal(count(failed.text, /data-qa="mail-status"/), 1)
      const kept = await admin.get(`${P.sentMail(B)}?status=kept`)
      assert.match(kept.text, /Invitation kept in the outbox/)
      assert.doesNotMatch(kept.text, /Invitation sent by SMTP/)
      const sent = await admin.get(`${P.sentMail(B)}?status=sent`)
      assert.match(sent.text, /Invitation sent by SMTP/)
      assert.doesNotMatch(sent.text, /Invitation kept in the outbox/)
      const pending = await admin.get(`${P.sentMail(B)}?status=pending`)
      assert.match(pending.text, /Retrying notice/)
      assert.equal(count(pending.text, /data-qa="mail-status"/), 1)
      const bad = await admin.get(`${P.sentMail(B)}?status=lost`)
      assert.equal(bad.status, 400)
      assert.match(bad.text, /Choose a status from the list/)
    })

    it('shows 50 messages a page', async () => {
      const northfield = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'admin@northfield.example')
        .executeTakeFirstOrThrow()
      for (let i = 1; i <= 52; i++) {
        await queueMail(db, {
          organisationId: ids.northfield,
          to: { userId: northfield.id, email: 'admin@northfield.example' },
          category: 'essential',
          template: 'test',
          subject: `Bulk ${i}`,
          body: 'Bulk',
        })
      }
      const first = await northfieldAdmin.get(P.sentMail('northfield'))
      assert.match(first.text, /data-qa="sent-mail-total">53 messages</)
      assert.equal(count(first.text, /data-qa="mail-status"/), 50)
      assert.match(first.text, /Page 1 of 2/)
      const second = await northfieldAdmin.get(`${P.sentMail('northfield')}?page=2`)
      assert.equal(count(second.text, /data-qa="mail-status"/), 3)
      assert.match(second.text, /Northfield notice/)
      assert.doesNotMatch(second.text, /Opted-out reminder|Failed notice/)
    })

    it('shows one message with its body; a kept invitation keeps its link, a sent one does not', async () => {
      const kept = await admin.get(P.sentMailMessage(B, await messageId(db, 'Invitation kept in the outbox')))
      assert.equal(kept.status, 200)
      assert.match(kept.text, /<h1[^>]*>Invitation kept in the outbox<\/h1>/)
      assert.match(kept.text, /Open this link:<br>http:\/\/turnaround.test\/invitation\/kept-token-456/)
      assert.match(kept.text, /Demo Strand Lead \(strand-lead@bradford.example\)/)
      const sent = await team.get(P.sentMailMessage(B, await messageId(db, 'Invitation sent by SMTP')))
      assert.equal(sent.status, 200)
      assert.match(sent.text, new RegExp(`Open this link:<br>${LINK_REMOVED.replace(/[[\]]/g, '\\$&')}`))
      assert.doesNotMatch(sent.text, /sent-token-123/)
      // The improvement team reads the council's mail but may not pass on a link that sets a password.
      const keptForTeam = await team.get(P.sentMailMessage(B, await messageId(db, 'Invitation kept in the outbox')))
      assert.equal(keptForTeam.status, 200)
      assert.doesNotMatch(keptForTeam.text, /kept-token-456/)
      assert.match(keptForTeam.text, new RegExp(`Open this link:<br>${LINK_HIDDEN.replace(/[[\]]/g, '\\$&')}`))
      const failed = await admin.get(P.sentMailMessage(B, await messageId(db, 'Failed notice')))
      assert.match(failed.text, /After 8 tries: The mail server refused it: 550 Mailbox unavailable/)
    })

    it('refuses a strand lead (403) and hides another council’s message (404)', async () => {
      const bradfordMessage = await messageId(db, 'Failed notice')
      assert.equal((await lead.get(P.sentMail(B))).status, 403)
      assert.equal((await lead.get(P.sentMailMessage(B, bradfordMessage))).status, 403)
      const northfieldMessage = await messageId(db, 'Northfield notice')
      assert.equal((await admin.get(P.sentMailMessage(B, northfieldMessage))).status, 404)
      assert.equal((await lead.get(P.sentMailMessage(B, northfieldMessage))).status, 404)
      assert.equal((await northfieldAdmin.get(P.sentMailMessage('northfield', bradfordMessage))).status, 404)
      assert.equal((await northfieldAdmin.get(P.sentMailMessage('northfield', northfieldMessage))).status, 200)
      assert.equal((await admin.get(P.sentMailMessage(B, 999999999))).status, 404)
    })

    it('shows a person the mail sent to them, across councils, and what they opted out of', async () => {
      const res = await team.get(paths.myMail())
      assert.equal(res.status, 200)
      assert.match(res.text, /<h1[^>]*>Emails sent to you<\/h1>/)
      for (const subject of [
        'Invitation sent by SMTP',
        'Retrying notice',
        'Opted-out reminder',
        'Reset your password',
      ]) {
        assert.match(res.text, new RegExp(subject))
      }
      assert.match(res.text, />Not sent<\/strong> You opted out/)
      assert.match(res.text, />Not sent<\/strong> It could not be delivered/)
      assert.match(res.text, /About Retrying notice\./)
      assert.doesNotMatch(res.text, /Invitation kept in the outbox|Northfield notice|Bulk 1/)
      assert.ok(res.text.indexOf('Reset your password') < res.text.indexOf('Invitation sent by SMTP'), 'newest first')

      const leads = await lead.get(paths.myMail())
      assert.match(leads.text, /Invitation kept in the outbox/)
      assert.match(leads.text, />Kept in the outbox<\/strong> No mail server is set up/)
      assert.doesNotMatch(leads.text, /Retrying notice/)
    })

    it('asks someone signed out to sign in first', async () => {
      for (const url of [paths.myMail(), paths.mailPreferences()]) {
        const res = await request(app).get(url)
        assert.equal(res.status, 302)
        assert.equal(res.headers.location, `${paths.signIn()}?returnTo=${encodeURIComponent(url)}`)
      }
    })

    it('saves a person’s mail choices, audited, and queues no more of what they turned off', async () => {
      const page = await lead.get(paths.mailPreferences())
      assert.equal(page.status, 200)
      assert.match(page.text, /<h1[^>]*>Choose which emails you get<\/h1>/)
      assert.equal(count(page.text, /type="checkbox"[^>]*checked/), 3)
      assert.match(page.text, /Invitations and password resets are always sent/)

      const saved = await postForm(lead, paths.mailPreferences(), paths.mailPreferences(), { choices: 'reminders' })
      assert.equal(saved.status, 302)
      assert.equal(saved.headers.location, paths.mailPreferences())
      const row = await db
        .selectFrom('app_user')
        .select(['mail_reminders', 'mail_notices', 'mail_digest'])
        .where('id', '=', ids.lead)
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, { mail_reminders: true, mail_notices: false, mail_digest: false })

      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'mail_preferences')
        .where('user_id', '=', ids.lead)
        .execute()
      assert.equal(audit.length, 1)
      assert.equal(audit[0]!.action, 'update')
      assert.equal(audit[0]!.entity_id, String(ids.lead))
      assert.equal(
        audit[0]!.summary,
        'strand-lead@bradford.example turned off notices of requests, turned off digests after deadlines',
      )
      assert.deepEqual(audit[0]!.before, { reminders: true, notices: true, digest: true })
      assert.deepEqual(audit[0]!.after, { reminders: true, notices: false, digest: false })

      const again = await lead.get(paths.mailPreferences())
      assert.match(again.text, /Your email choices are saved/)
      assert.equal(count(again.text, /type="checkbox"[^>]*checked/), 1)
      assert.match(again.text, /value="reminders" checked/)

      const notice = {
        organisationId: ids.bradford,
        to: { userId: ids.lead, email: 'strand-lead@bradford.example' },
        category: 'notice' as const,
        template: 'test',
        subject: 'A request for you',
        body: 'A request',
      }
      assert.equal(await queueMail(db, notice), 'opted-out')
      assert.equal(await queueMail(db, { ...notice, category: 'reminder', subject: 'Due soon' }), 'queued')

      // Saving the same choices again changes nothing, so adds nothing to the audit trail.
      await postForm(lead, paths.mailPreferences(), paths.mailPreferences(), { choices: 'reminders' })
      const entries = await db
        .selectFrom('audit_log')
        .select('id')
        .where('entity_type', '=', 'mail_preferences')
        .execute()
      assert.equal(entries.length, 1)

      // Nothing ticked: no non-essential mail at all.
      await postForm(lead, paths.mailPreferences(), paths.mailPreferences(), {})
      const none = await db
        .selectFrom('app_user')
        .select(['mail_reminders', 'mail_notices', 'mail_digest'])
        .where('id', '=', ids.lead)
        .executeTakeFirstOrThrow()
      assert.deepEqual(none, { mail_reminders: false, mail_notices: false, mail_digest: false })
    })

    it('refuses a choice not on the form and keeps what was ticked', async () => {
      const page = await team.get(paths.mailPreferences())
      const res = await team
        .post(paths.mailPreferences())
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&choices=digest&choices=everything`)
      assert.equal(res.status, 400)
      assert.match(res.text, /There is a problem/)
      assert.match(res.text, /Choose from the emails listed/)
      assert.match(res.text, /value="digest" checked/)
      assert.doesNotMatch(res.text, /value="notices" checked/)
      const row = await db
        .selectFrom('app_user')
        .select(['mail_reminders', 'mail_notices', 'mail_digest'])
        .where('id', '=', ids.team)
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, { mail_reminders: true, mail_notices: true, mail_digest: true })
    })

    it('links to Sent mail from the navigation for those who may read it only', async () => {
      assert.match((await admin.get(P.home(B))).text, new RegExp(`href="${P.sentMail(B)}"`))
      assert.doesNotMatch((await lead.get(P.home(B))).text, new RegExp(`href="${P.sentMail(B)}"`))
    })
  })
}
