// Sends what the outbox holds: due messages in small batches, each retried with back-off when the
// transport fails, never sent twice by two workers, and given up only after about a day of tries.
// See docs/decisions/0016-mail-outbox.md.
import type { Db } from '../db/connect.js'
import { formatDateTime } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { claimDueMail, markMailAttemptFailed, markMailSent } from './mail-repository.js'
import { MailSendError, type MailTransport } from './transports.js'

export type MailLog = (line: string) => void

/** Wait before each retry: after the 1st failed attempt 1 minute, after the 2nd 5 minutes, and so on. */
export const RETRY_DELAYS_MS = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
  6 * 3_600_000,
  6 * 3_600_000,
] as const
/** After this many failed attempts a message is marked failed (about 21 hours after the first). */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1

/** When to try again after `attempts` failed attempts, or null to give up. */
export function retryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null
  const delay = RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? RETRY_DELAYS_MS[0]
  return new Date(now.getTime() + delay)
}

/** How long a claimed message is left to its worker before another may try it (a worker that died). */
const LEASE_MS = 10 * 60_000
const BATCH_SIZE = 20

export const LINK_REMOVED = '[link removed after sending]'
/** '/invitation/' and '/reset-password/': the paths of links that work once. */
const SINGLE_USE_PATHS = [paths.acceptInvitation.pattern, paths.resetPassword.pattern].map((p) =>
  p.replace(/:\w+$/, ''),
)
const SINGLE_USE_LINK = new RegExp(
  `https?://\\S*?(?:${SINGLE_USE_PATHS.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\S*`,
  'g',
)

/**
 * The body as stored once sent: invitation and password-reset links removed, so the database never holds
 * a usable link once the person has it. (Mail kept in the outbox keeps them: with no mail server, an
 * administrator passes the link on from the Sent mail page.)
 */
export function removeSingleUseLinks(body: string): string {
  return body.replace(SINGLE_USE_LINK, LINK_REMOVED)
}

export const LINK_HIDDEN = '[single-use link: only an administrator can see it]'

/**
 * The body as shown to someone who may read the council's mail but not manage its people: a kept link
 * would let them choose another person's password (an administrator's, even), so it is hidden.
 */
export function hideSingleUseLinks(body: string): string {
  return body.replace(SINGLE_USE_LINK, LINK_HIDDEN)
}

export interface MailRun {
  sent: number[]
  retrying: number[]
  failed: number[]
}

/** Sends the messages due by `now`, one batch at a time, until none is due. */
export async function sendDueMail(
  db: Db,
  transport: MailTransport,
  now: Date = new Date(),
  log: MailLog = (line) => console.log(line),
  options: { batchSize?: number } = {},
): Promise<MailRun> {
  const run: MailRun = { sent: [], retrying: [], failed: [] }
  const batchSize = options.batchSize ?? BATCH_SIZE
  for (;;) {
    const batch = await claimDueMail(db, now, batchSize, new Date(now.getTime() + LEASE_MS))
    // Only an empty claim means nothing is due: on PostgreSQL a claim racing another run's can come back
    // short (a row it skipped, or one re-checked after the other run's update) while more are waiting.
    if (batch.length === 0) return run
    for (const message of batch) {
      try {
        await transport.send({ id: message.id, to: message.to_email, subject: message.subject, body: message.body })
      } catch (error) {
        const attempts = message.attempts + 1
        const reason = error instanceof MailSendError ? error.message : unexpected(error)
        const next = retryAt(attempts, now)
        await markMailAttemptFailed(db, message.id, { attempts, error: reason, retryAt: next })
        ;(next ? run.retrying : run.failed).push(message.id)
        log(
          next
            ? `Mail ${message.id}: attempt ${attempts} failed (${reason}); next try at ${formatDateTime(next)}`
            : `Mail ${message.id}: failed after ${attempts} attempts, giving up (${reason})`,
        )
        continue
      }
      const body = transport.name === 'outbox' ? message.body : removeSingleUseLinks(message.body)
      await markMailSent(db, message.id, { transport: transport.name, at: now, body })
      run.sent.push(message.id)
    }
  }
}

/** A bug rather than a refusal: keep the kind and a short message, never a stack or the request. */
function unexpected(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.replace(/\s+/g, ' ').slice(0, 300)
}

export interface MailWorker {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>
}

/**
 * Runs sendDueMail now and then every `intervalMs` (30 seconds by default), never two runs at once. The
 * app starts it through src/server/background-jobs.ts with mailJob(); this is the same on its own.
 */
export function startMailWorker(
  db: Db,
  transport: MailTransport,
  options: { intervalMs?: number; log?: MailLog; clock?: () => Date } = {},
): MailWorker {
  const job = mailJob(db, transport, options)
  const log = options.log ?? ((line: string) => console.error(line))
  const clock = options.clock ?? (() => new Date())
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const tick = () => {
    running = job
      .run(clock())
      .catch((error: unknown) => log(`Mail worker: ${unexpected(error)}`))
      .finally(() => {
        running = undefined
        if (!stopped) {
          timer = setTimeout(tick, job.everyMs)
          timer.unref()
        }
      })
  }
  tick()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

/** The mail worker as a background job (src/server/background-jobs.ts). */
export function mailJob(
  db: Db,
  transport: MailTransport,
  options: { intervalMs?: number; log?: MailLog } = {},
): { name: string; everyMs: number; run: (now: Date) => Promise<void> } {
  return {
    name: 'mail',
    everyMs: options.intervalMs ?? 30_000,
    run: async (now) => {
      await sendDueMail(db, transport, now, options.log)
    },
  }
}
