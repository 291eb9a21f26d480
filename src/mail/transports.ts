// How an email leaves the outbox: an SMTP server (nodemailer), GOV.UK Notify, or nowhere (the outbox
// transport, for a machine with no mail settings: messages wait on the council's Sent mail page).
// A transport's send() resolves once the message is accepted, and throws a MailSendError otherwise; the
// worker (mail-worker.ts) retries with back-off. See docs/decisions/0016-mail-outbox.md.
import nodemailer from 'nodemailer'
import { NotifyClient } from 'notifications-node-client'

export type TransportName = 'smtp' | 'notify' | 'outbox'

/** How mail is sent, read from the environment by src/server/config.ts. */
export type MailSettings =
  | {
      transport: 'smtp'
      from: string
      smtp: { host: string; port: number; secure: boolean; user?: string; password?: string }
    }
  | { transport: 'notify'; from: string; notify: { apiKey: string; templateId: string } }
  /** `chosen`: MAIL_TRANSPORT=outbox was set, rather than no mail settings at all. */
  | { transport: 'outbox'; from: string; chosen: boolean }

/** One message as a transport sends it. */
export interface OutgoingMail {
  /** The outbox row: Notify's reference and an SMTP header carry it, to trace a message end to end. */
  id: number
  to: string
  subject: string
  /** Plain text. */
  body: string
}

export interface MailTransport {
  name: TransportName
  /** Resolves when the message is accepted for delivery; throws a MailSendError when it is not. */
  send(message: OutgoingMail): Promise<void>
  /** Let go of connections (on shut-down). */
  close(): void
}

/** A failed send, with a short reason that is safe to store and show: no passwords, keys or tokens. */
export class MailSendError extends Error {}

/** No mail server nor Notify is well above this; a dead server must not hold the worker up. */
const TIMEOUT_MS = 10_000
const MAX_REASON = 300

export function createMailTransport(settings: MailSettings): MailTransport {
  switch (settings.transport) {
    case 'smtp':
      return smtpTransport(settings.smtp, settings.from)
    case 'notify':
      return notifyTransport({
        client: new NotifyClient(settings.notify.apiKey),
        templateId: settings.notify.templateId,
      })
    case 'outbox':
      return outboxTransport()
  }
}

/** The line printed at start-up: where mail goes. */
export function describeMailSettings(settings: MailSettings): string {
  switch (settings.transport) {
    case 'smtp':
      return `Mail: sent through the SMTP server ${settings.smtp.host}:${settings.smtp.port}${settings.smtp.secure ? ' (TLS)' : ''} from ${settings.from}`
    case 'notify':
      return 'Mail: sent through GOV.UK Notify'
    case 'outbox':
      return settings.chosen
        ? 'Mail: kept in the outbox (MAIL_TRANSPORT=outbox); see Sent mail'
        : 'Mail: kept in the outbox (no SMTP_HOST or NOTIFY_API_KEY set); see Sent mail'
  }
}

export interface SmtpOptions {
  host: string
  port: number
  /** TLS from the start (port 465). Otherwise STARTTLS when the server offers it, and always before a login. */
  secure: boolean
  user?: string
  password?: string
  /** Connection, greeting and socket timeouts (10 s unless a test says otherwise). */
  timeoutMs?: number
}

export function smtpTransport(options: SmtpOptions, from: string): MailTransport {
  const timeout = options.timeoutMs ?? TIMEOUT_MS
  const login = options.user && options.password ? { user: options.user, pass: options.password } : undefined
  const transporter = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    // A password never crosses the network in clear: with a login, STARTTLS is required.
    requireTLS: Boolean(login) && !options.secure,
    ...(login ? { auth: login } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  })
  return {
    name: 'smtp',
    async send(message) {
      try {
        await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.body,
          headers: {
            // Automatic mail (RFC 3834): out-of-office replies should not answer it.
            'Auto-Submitted': 'auto-generated',
            'X-Turnaround-Message': String(message.id),
          },
        })
      } catch (error) {
        throw new MailSendError(smtpReason(error))
      }
    },
    close() {
      transporter.close()
    },
  }
}

/** What a mail server said, or why it could not be reached; never the login. */
export function smtpReason(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown }
  if (typeof e.response === 'string' && e.response) return short(`The mail server refused it: ${e.response}`)
  const code = typeof e.code === 'string' ? e.code : ''
  if (code === 'ETIMEDOUT') return 'The mail server did not answer in time'
  if (code === 'EAUTH') return 'The mail server refused the login (check SMTP_USER and SMTP_PASSWORD)'
  if (code === 'ESOCKET' || code === 'ECONNECTION' || code === 'EDNS') {
    return short(`Could not reach the mail server: ${typeof e.message === 'string' ? e.message : code}`)
  }
  return short(typeof e.message === 'string' && e.message ? e.message : 'The mail server did not accept it')
}

/** The part of NotifyClient the transport uses, so tests can pass a fake. */
export interface NotifyEmailClient {
  sendEmail(
    templateId: string,
    emailAddress: string,
    options: { personalisation: Record<string, string>; reference: string },
  ): Promise<unknown>
}

export function notifyTransport(options: {
  client: NotifyEmailClient
  templateId: string
  timeoutMs?: number
}): MailTransport {
  const timeout = options.timeoutMs ?? TIMEOUT_MS
  return {
    name: 'notify',
    async send(message) {
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new MailSendError('GOV.UK Notify did not answer in time')), timeout)
      })
      try {
        await Promise.race([
          options.client.sendEmail(options.templateId, message.to, {
            personalisation: { subject: message.subject, body: message.body },
            reference: `turnaround-outbox-${message.id}`,
          }),
          timedOut,
        ])
      } catch (error) {
        throw error instanceof MailSendError ? error : new MailSendError(notifyReason(error))
      } finally {
        clearTimeout(timer)
      }
    },
    close() {},
  }
}

/**
 * What Notify said (its status and error messages), or why it could not be reached. The client's errors
 * carry the request, whose Authorization header holds a token made from the API key: never keep those.
 */
export function notifyReason(error: unknown): string {
  const e = (error ?? {}) as {
    response?: { status?: unknown; data?: { errors?: Array<{ error?: unknown; message?: unknown }> } }
    code?: unknown
    message?: unknown
  }
  if (e.response && typeof e.response.status === 'number') {
    const messages = (e.response.data?.errors ?? [])
      .map((m) => (typeof m.message === 'string' ? m.message : typeof m.error === 'string' ? m.error : ''))
      .filter(Boolean)
    return short(`GOV.UK Notify answered ${e.response.status}${messages.length ? `: ${messages.join('; ')}` : ''}`)
  }
  const code = typeof e.code === 'string' ? e.code : ''
  return short(`Could not reach GOV.UK Notify${code ? ` (${code})` : ''}`)
}

/** With no mail settings, nothing is sent: the worker records each message as kept in the outbox. */
export function outboxTransport(): MailTransport {
  return { name: 'outbox', send: () => Promise.resolve(), close() {} }
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line
}
