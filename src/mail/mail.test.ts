import assert from 'node:assert/strict'
import net from 'node:net'
import { describe, it } from 'node:test'
import { LINK_REMOVED, MAX_ATTEMPTS, removeSingleUseLinks, retryAt } from './mail-worker.js'
import { bodyParagraphs, mailStatusText, type MailStatusFields } from './mail-status.js'
import {
  MailSendError,
  describeMailSettings,
  notifyReason,
  notifyTransport,
  smtpReason,
  smtpTransport,
  type NotifyEmailClient,
} from './transports.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('retry back-off', () => {
  const now = new Date('2026-03-02T09:00:00Z')
  const wait = (attempts: number) => {
    const at = retryAt(attempts, now)
    return at && at.getTime() - now.getTime()
  }

  it('waits 1 minute, 5 minutes, 30 minutes, 2 hours, then 6 hours between tries', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(wait), [
      MINUTE,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      6 * HOUR,
      6 * HOUR,
      6 * HOUR,
    ])
  })

  it('gives up after the 8th failed attempt, about 21 hours after the first', () => {
    assert.equal(MAX_ATTEMPTS, 8)
    assert.equal(retryAt(8, now), null)
    assert.equal(retryAt(9, now), null)
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + (wait(n) ?? 0), 0)
    assert.equal(total, 20 * HOUR + 36 * MINUTE)
  })
})

describe('removing single-use links from a sent message', () => {
  it('replaces invitation and password-reset links, whatever the address, and nothing else', () => {
    const body = [
      'To choose your password, open this link:',
      'https://turnaround.example.gov.uk/invitation/Zx8_-abc123',
      'Or reset it: http://localhost:3000/reset-password/q9Q9q9 (works once).',
      'Sign in at https://turnaround.example.gov.uk/sign-in',
      'Your plan: https://turnaround.example.gov.uk/councils/bradford/plan',
    ].join('\n')
    assert.equal(
      removeSingleUseLinks(body),
      [
        'To choose your password, open this link:',
        LINK_REMOVED,
        `Or reset it: ${LINK_REMOVED} (works once).`,
        'Sign in at https://turnaround.example.gov.uk/sign-in',
        'Your plan: https://turnaround.example.gov.uk/councils/bradford/plan',
      ].join('\n'),
    )
  })

  it('leaves the words "invitation" and "reset-password" alone when they are not in a link', () => {
    const body = 'Your invitation/reset-password request was received.'
    assert.equal(removeSingleUseLinks(body), body)
  })
})

describe('a message’s status in words', () => {
  const base: MailStatusFields = {
    status: 'pending',
    transport: null,
    attempts: 0,
    next_attempt_at: new Date('2026-03-02T09:05:00Z'),
    last_error: '',
  }

  it('says what happened, for the council and for the person it was sent to', () => {
    assert.equal(mailStatusText({ ...base, status: 'sent', transport: 'smtp' }).text, 'Sent')
    assert.equal(
      mailStatusText({ ...base, status: 'sent', transport: 'outbox' }).text,
      'Kept in the outbox: no mail server is set up',
    )
    assert.equal(mailStatusText(base).text, 'Waiting to send')
    assert.equal(
      mailStatusText({ ...base, attempts: 1 }).text,
      'Waiting to retry (attempt 2, next try at 2 March 2026, 9:05 am)',
    )
    const failed = { ...base, status: 'failed' as const, attempts: 8, last_error: '550 Mailbox unavailable' }
    assert.equal(mailStatusText(failed).text, 'Failed after 8 tries: 550 Mailbox unavailable')
    assert.equal(mailStatusText(failed, 'person').text, 'Not sent: it could not be delivered')
    assert.equal(mailStatusText({ ...base, status: 'suppressed' }).text, 'Not sent: they opted out')
    assert.equal(mailStatusText({ ...base, status: 'suppressed' }, 'person').text, 'Not sent: you opted out')
  })

  it('gives every status a tag with its words', () => {
    const tags = new Set(
      [
        mailStatusText({ ...base, status: 'sent', transport: 'smtp' }),
        mailStatusText({ ...base, status: 'sent', transport: 'outbox' }),
        mailStatusText({ ...base, status: 'failed' }),
        mailStatusText({ ...base, status: 'suppressed' }),
        mailStatusText(base),
      ].map((s) => `${s.tagClass} ${s.label}`),
    )
    assert.equal(tags.size, 5)
  })

  it('splits a plain-text body into paragraphs of lines', () => {
    assert.deepEqual(bodyParagraphs('Dear Sam,\r\n\r\nLine one\nLine two\n\n\n\nBye'), [
      ['Dear Sam,'],
      ['Line one', 'Line two'],
      ['Bye'],
    ])
  })
})

describe('GOV.UK Notify transport', () => {
  const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a'

  it('sends the subject and body into the one template, with the outbox id as reference', async () => {
    const calls: unknown[][] = []
    const client: NotifyEmailClient = {
      sendEmail: (...args) => {
        calls.push(args)
        return Promise.resolve({ data: { id: 'notify-1' } })
      },
    }
    const transport = notifyTransport({ client, templateId: TEMPLATE })
    assert.equal(transport.name, 'notify')
    await transport.send({
      id: 42,
      to: 'sam@council.example',
      subject: 'Your update is due',
      body: 'Dear Sam,\n\nIt is due.',
    })
    assert.deepEqual(calls, [
      [
        TEMPLATE,
        'sam@council.example',
        {
          personalisation: { subject: 'Your update is due', body: 'Dear Sam,\n\nIt is due.' },
          reference: 'turnaround-outbox-42',
        },
      ],
    ])
  })

  it('fails with what Notify said, never the request and its token', async () => {
    const refusal = Object.assign(new Error('Request failed with status code 400'), {
      config: { headers: { Authorization: 'Bearer eyJsecret.token' } },
      response: {
        status: 400,
        data: {
          status_code: 400,
          errors: [{ error: 'BadRequestError', message: 'Can’t send to this recipient using a team-only API key' }],
        },
      },
    })
    const transport = notifyTransport({ client: { sendEmail: () => Promise.reject(refusal) }, templateId: TEMPLATE })
    await assert.rejects(transport.send({ id: 1, to: 'a@b.example', subject: 's', body: 'b' }), (error: unknown) => {
      assert.ok(error instanceof MailSendError)
      assert.equal(error.message, 'GOV.UK Notify answered 400: Can’t send to this recipient using a team-only API key')
      return true
    })
    assert.equal(
      notifyReason(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })),
      'Could not reach GOV.UK Notify (ECONNREFUSED)',
    )
    assert.doesNotMatch(notifyReason(refusal), /Bearer|secret/)
  })

  it('gives up on a Notify that does not answer, rather than holding the worker', async () => {
    const transport = notifyTransport({
      client: { sendEmail: () => new Promise(() => {}) },
      templateId: TEMPLATE,
      timeoutMs: 50,
    })
    const started = Date.now()
    await assert.rejects(
      transport.send({ id: 1, to: 'a@b.example', subject: 's', body: 'b' }),
      /did not answer in time/,
    )
    assert.ok(Date.now() - started < 2000)
  })
})

describe('SMTP transport failures', () => {
  it('fails fast, with a short reason, when no mail server listens', async () => {
    const port = await freePort()
    const transport = smtpTransport({ host: '127.0.0.1', port, secure: false, timeoutMs: 1000 }, 'a@b.example')
    await assert.rejects(
      transport.send({ id: 1, to: 'x@y.example', subject: 's', body: 'b' }),
      (error: unknown) => error instanceof MailSendError && /^Could not reach the mail server/.test(error.message),
    )
    transport.close()
  })

  it('gives up on a server that never greets, after the timeout', async () => {
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => void sockets.push(socket)) // accepts, and says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    const transport = smtpTransport({ host: '127.0.0.1', port, secure: false, timeoutMs: 200 }, 'a@b.example')
    const started = Date.now()
    try {
      await assert.rejects(transport.send({ id: 1, to: 'x@y.example', subject: 's', body: 'b' }), MailSendError)
      assert.ok(Date.now() - started < 3000, 'within a few seconds')
    } finally {
      transport.close()
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  it('keeps the server’s words, and names a refused login without the password', () => {
    assert.equal(
      smtpReason(
        Object.assign(new Error('Can’t send mail'), {
          code: 'EENVELOPE',
          responseCode: 550,
          response: '550 5.1.1 No such user',
        }),
      ),
      'The mail server refused it: 550 5.1.1 No such user',
    )
    assert.equal(
      smtpReason(Object.assign(new Error('Invalid login: 535 Authentication failed'), { code: 'EAUTH' })),
      'The mail server refused the login (check SMTP_USER and SMTP_PASSWORD)',
    )
    assert.equal(
      smtpReason(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' })),
      'The mail server did not answer in time',
    )
    assert.equal(smtpReason({ response: 'x'.repeat(500) }).length, 300)
  })
})

describe('the start-up line about mail', () => {
  it('says where mail goes', () => {
    assert.equal(
      describeMailSettings({ transport: 'outbox', from: 'a@b.example', chosen: false }),
      'Mail: kept in the outbox (no SMTP_HOST or NOTIFY_API_KEY set); see Sent mail',
    )
    assert.equal(
      describeMailSettings({
        transport: 'smtp',
        from: 'Turnaround <a@b.example>',
        smtp: { host: 'smtp.council.example', port: 587, secure: false, user: 'u', password: 'hunter2' },
      }),
      'Mail: sent through the SMTP server smtp.council.example:587 from Turnaround <a@b.example>',
    )
    assert.equal(
      describeMailSettings({ transport: 'notify', from: 'x', notify: { apiKey: 'secret', templateId: 't' } }),
      'Mail: sent through GOV.UK Notify',
    )
  })
})

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
