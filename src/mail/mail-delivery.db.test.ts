// Email end to end: messages queued in the outbox and sent by the worker to a real SMTP server on 127.0.0.1,
// one that accepts, and one that refuses (550 or 451) until it accepts again.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { DatabaseHandle, Db } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server.js'
import { queueMail, type MailMessage } from './outbox.js'
import { LINK_REMOVED, MAX_ATTEMPTS, sendDueMail, startMailWorker } from './mail-worker.js'
import { smtpTransport, type MailTransport } from './transports.js'

/**
 * "Now" for a run just after queuing: PostgreSQL stamps a message in microseconds and a Date holds
 * milliseconds, so a Date taken in the same millisecond can fall before the message it should find.
 */
const dueNow = () => new Date(Date.now() + 5)

const MINUTE = 60_000
const FROM = 'Turnaround <no-reply@turnaround.test>'

async function row(db: Db, id: number) {
  return db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function idOf(db: Db, subject: string): Promise<number> {
  return (await db.selectFrom('outbox_message').select('id').where('subject', '=', subject).executeTakeFirstOrThrow())
    .id
}

/** Waits (up to 5 s) until the check holds. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 5000
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  assert.fail(`timed out waiting until ${what}`)
}

for (const kind of testDatabaseKinds()) {
  describe(`email through a real SMTP server on ${kind.name}`, () => {
    let database: DatabaseHandle
    let db: Db
    let smtp: SmtpTestServer
    let transport: MailTransport
    let person: { id: number; email: string; organisationId: number }
    const logged: string[] = []
    const log = (line: string) => void logged.push(line)

    const message = (subject: string, extra: Partial<MailMessage> = {}): MailMessage => ({
      organisationId: person.organisationId,
      to: { userId: person.id, email: person.email },
      category: 'essential',
      template: 'test',
      subject,
      body: `Hello,\n\nThis is ${subject}.`,
      ...extra,
    })

    before(async () => {
      database = await kind.openDemo()
      db = database.db
      const user = await db
        .selectFrom('app_user')
        .innerJoin('membership', 'membership.user_id', 'app_user.id')
        .select(['app_user.id', 'app_user.email', 'membership.organisation_id'])
        .where('app_user.email', '=', 'improvement@bradford.example')
        .executeTakeFirstOrThrow()
      person = { id: user.id, email: user.email, organisationId: user.organisation_id }
      smtp = await startSmtpTestServer()
      transport = smtpTransport({ host: '127.0.0.1', port: smtp.port, secure: false }, FROM)
    })
    after(async () => {
      transport.close()
      await smtp.close()
      await database.close()
    })
    beforeEach(async () => {
      await db.deleteFrom('outbox_message').execute()
      await db
        .updateTable('app_user')
        .set({ mail_reminders: true, mail_notices: true, mail_digest: true })
        .where('id', '=', person.id)
        .execute()
      smtp.received.length = 0
      smtp.refuse(null)
      logged.length = 0
    })

    it('delivers a queued message with its recipient, subject and body, and marks it sent', async () => {
      const link = 'http://turnaround.test/invitation/abc123def456'
      await db
        .transaction()
        .execute((trx) =>
          queueMail(trx, message('Your invitation', { body: `Dear Sam,\n\nTo choose your password, open:\n${link}` })),
        )
      const now = dueNow()
      const run = await sendDueMail(db, transport, now, log)

      assert.equal(smtp.received.length, 1)
      const [mail] = smtp.received
      assert.deepEqual(mail!.to, ['improvement@bradford.example'])
      assert.equal(mail!.from, 'no-reply@turnaround.test')
      assert.equal(mail!.subject, 'Your invitation')
      assert.equal(mail!.text, `Dear Sam,\n\nTo choose your password, open:\n${link}`)
      assert.equal(mail!.headers.get('auto-submitted'), 'auto-generated')

      const id = await idOf(db, 'Your invitation')
      assert.deepEqual(run, { sent: [id], retrying: [], failed: [] })
      const sent = await row(db, id)
      assert.equal(sent.status, 'sent')
      assert.equal(sent.transport, 'smtp')
      assert.equal(sent.sent_at?.getTime(), now.getTime())
      assert.equal(sent.attempts, 1)
      assert.equal(mail!.headers.get('x-turnaround-message'), String(id))
      // The person has the link: the copy kept no longer holds it.
      assert.equal(sent.body, `Dear Sam,\n\nTo choose your password, open:\n${LINK_REMOVED}`)
      assert.deepEqual(logged, [])

      // Sent once: a later run sends nothing more.
      await sendDueMail(db, transport, new Date(now.getTime() + 60 * MINUTE), log)
      assert.equal(smtp.received.length, 1)
    })

    it('retries a refused message with back-off, logs each failure, and delivers it once the server accepts', async () => {
      await queueMail(db, message('Refused at first'))
      const id = await idOf(db, 'Refused at first')
      const start = dueNow()

      smtp.refuse({ code: 550, at: 'recipient' })
      const first = await sendDueMail(db, transport, start, log)
      assert.deepEqual(first, { sent: [], retrying: [id], failed: [] })
      assert.equal(smtp.refusals, 1)
      let waiting = await row(db, id)
      assert.equal(waiting.status, 'pending')
      assert.equal(waiting.attempts, 1)
      assert.equal(waiting.next_attempt_at.getTime(), start.getTime() + MINUTE)
      assert.match(waiting.last_error, /^The mail server refused it: 550\b.*Mailbox unavailable/)
      assert.equal(logged.length, 1)
      assert.match(logged[0]!, new RegExp(`^Mail ${id}: attempt 1 failed \\(The mail server refused it: 550`))

      // Not due yet half a minute later.
      await sendDueMail(db, transport, new Date(start.getTime() + MINUTE / 2), log)
      assert.equal(smtp.refusals, 1)

      // A busy server refuses the message itself: the next wait is longer.
      smtp.refuse({ code: 451, at: 'message' })
      const second = new Date(start.getTime() + 2 * MINUTE)
      await sendDueMail(db, transport, second, log)
      waiting = await row(db, id)
      assert.equal(waiting.attempts, 2)
      assert.equal(waiting.next_attempt_at.getTime(), second.getTime() + 5 * MINUTE)
      assert.match(waiting.last_error, /451/)
      assert.equal(logged.length, 2)
      assert.equal(smtp.received.length, 0)

      smtp.refuse(null)
      const third = new Date(second.getTime() + 5 * MINUTE)
      const delivered = await sendDueMail(db, transport, third, log)
      assert.deepEqual(delivered.sent, [id])
      assert.equal(smtp.received.length, 1)
      assert.equal(smtp.received[0]!.subject, 'Refused at first')
      const sent = await row(db, id)
      assert.equal(sent.status, 'sent')
      assert.equal(sent.attempts, 3)
      assert.equal(sent.last_error, '')
    })

    it(`gives up after ${MAX_ATTEMPTS} attempts, keeping the message and its last error`, async () => {
      await queueMail(db, message('Never accepted'))
      const id = await idOf(db, 'Never accepted')
      await db
        .updateTable('outbox_message')
        .set({ attempts: MAX_ATTEMPTS - 1 })
        .where('id', '=', id)
        .execute()
      smtp.refuse({ code: 550, at: 'recipient' })
      const run = await sendDueMail(db, transport, dueNow(), log)
      assert.deepEqual(run.failed, [id])
      const failed = await row(db, id)
      assert.equal(failed.status, 'failed')
      assert.equal(failed.attempts, MAX_ATTEMPTS)
      assert.match(failed.last_error, /550/)
      assert.match(logged[0]!, new RegExp(`^Mail ${id}: failed after ${MAX_ATTEMPTS} attempts, giving up`))
      smtp.refuse(null)
      await sendDueMail(db, transport, new Date(Date.now() + 48 * 60 * MINUTE), log)
      assert.equal(smtp.received.length, 0, 'a failed message is not tried again')
    })

    it('never sends a message queued in a transaction that rolled back', async () => {
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await queueMail(trx, message('Rolled back'))
          throw new Error('the change failed')
        }),
        /the change failed/,
      )
      const run = await sendDueMail(db, transport, dueNow(), log)
      assert.deepEqual(run.sent, [])
      assert.equal(smtp.received.length, 0)
      const rows = await db.selectFrom('outbox_message').select('id').where('subject', '=', 'Rolled back').execute()
      assert.deepEqual(rows, [])
    })

    it('keeps the change that queued a message when the mail server refuses it', async () => {
      const objective = await db.selectFrom('objective').select('id').orderBy('id').executeTakeFirstOrThrow()
      const update = await db.transaction().execute(async (trx) => {
        const saved = await trx
          .insertInto('objective_update')
          .values({ objective_id: objective.id, body: 'Recruited two team managers', author_user_id: person.id })
          .returning('id')
          .executeTakeFirstOrThrow()
        await queueMail(trx, message('Update received', { category: 'notice' }))
        return saved
      })
      smtp.refuse({ code: 451, at: 'message' })
      await sendDueMail(db, transport, dueNow(), log)

      const stored = await db
        .selectFrom('objective_update')
        .select('body')
        .where('id', '=', update.id)
        .executeTakeFirst()
      assert.equal(stored?.body, 'Recruited two team managers')
      const waiting = await row(db, await idOf(db, 'Update received'))
      assert.equal(waiting.status, 'pending')
      assert.equal(waiting.attempts, 1)
      assert.equal(smtp.received.length, 0)
    })

    it('sends what was pending when the worker stopped, from a new worker after a restart', async () => {
      await queueMail(db, message('Across a restart'))
      const id = await idOf(db, 'Across a restart')
      smtp.refuse({ code: 451, at: 'recipient' })
      const first = startMailWorker(db, transport, { intervalMs: 20, log })
      await eventually(async () => (await row(db, id)).attempts === 1, 'the first worker has tried once')
      await first.stop()
      assert.equal((await row(db, id)).status, 'pending')

      // A new process: a new transport and worker, a few minutes on, the server accepting again.
      smtp.refuse(null)
      const restarted = smtpTransport({ host: '127.0.0.1', port: smtp.port, secure: false }, FROM)
      const later = new Date(Date.now() + 3 * MINUTE)
      const second = startMailWorker(db, restarted, { intervalMs: 20, log, clock: () => later })
      try {
        await eventually(async () => (await row(db, id)).status === 'sent', 'the new worker has sent it')
      } finally {
        await second.stop()
        restarted.close()
      }
      assert.equal(smtp.received.length, 1)
      assert.equal(smtp.received[0]!.subject, 'Across a restart')
    })

    it('keeps a message the person opted out of as not sent, and still sends their essential mail', async () => {
      await db.updateTable('app_user').set({ mail_reminders: false }).where('id', '=', person.id).execute()
      assert.equal(await queueMail(db, message('A reminder', { category: 'reminder' })), 'opted-out')
      assert.equal(await queueMail(db, message('A notice', { category: 'notice' })), 'queued')
      assert.equal(await queueMail(db, message('A reset link')), 'queued')
      await sendDueMail(db, transport, dueNow(), log)
      assert.deepEqual(smtp.received.map((m) => m.subject).sort(), ['A notice', 'A reset link'])
      const reminder = await row(db, await idOf(db, 'A reminder'))
      assert.equal(reminder.status, 'suppressed')
      assert.equal(reminder.attempts, 0)
      assert.equal(reminder.sent_at, null)
    })

    it('queues a message with a dedupe key once, however often it is asked for', async () => {
      const reminder = message('Due in 3 days', { category: 'reminder', dedupeKey: 'round-1:reminder:3:user-7' })
      assert.equal(await queueMail(db, reminder), 'queued')
      assert.equal(await queueMail(db, reminder), 'duplicate')
      assert.equal(await db.transaction().execute((trx) => queueMail(trx, reminder)), 'duplicate')
      await sendDueMail(db, transport, dueNow(), log)
      assert.equal(await queueMail(db, reminder), 'duplicate', 'still once after it was sent')
      await sendDueMail(db, transport, dueNow(), log)
      assert.equal(smtp.received.length, 1)
    })

    it('sends each message once when two runs overlap', async () => {
      for (let i = 1; i <= 7; i++) await queueMail(db, message(`Overlap ${i}`))
      const sends = new Map<number, number>()
      // A slow connection, so the two runs are both busy at once.
      const slow: MailTransport = {
        name: 'smtp',
        async send(m) {
          sends.set(m.id, (sends.get(m.id) ?? 0) + 1)
          await new Promise((resolve) => setTimeout(resolve, 15))
          await transport.send(m)
        },
        close() {},
      }
      const now = dueNow()
      const [a, b] = await Promise.all([
        sendDueMail(db, slow, now, log, { batchSize: 2 }),
        sendDueMail(db, slow, now, log, { batchSize: 2 }),
      ])
      const all = [...a.sent, ...b.sent].sort((x, y) => x - y)
      assert.equal(all.length, 7)
      assert.equal(new Set(all).size, 7, 'no message in both runs')
      assert.deepEqual([...sends.values()], [1, 1, 1, 1, 1, 1, 1])
      assert.equal(smtp.received.length, 7)
      assert.deepEqual(
        smtp.received.map((m) => m.subject).sort(),
        [1, 2, 3, 4, 5, 6, 7].map((i) => `Overlap ${i}`),
      )
    })
  })
}
