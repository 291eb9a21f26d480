// A real SMTP server on 127.0.0.1 for email tests (the smtp-server package): it keeps what it receives, and can
// be told to refuse mail, as a full mailbox (550) or a busy server (451) does, when the recipient is given or
// after the message is sent.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[]
  from: string
  headers: Map<string, string>
  subject: string
  /** The text body, decoded. */
  text: string
}

export interface Refusal {
  code: 550 | 451
  /** At RCPT TO (the recipient) or at the end of DATA (the message). */
  at: 'recipient' | 'message'
}

export interface SmtpTestServer {
  port: number
  received: ReceivedMail[]
  /** Refuse from now on (null: accept again). */
  refuse(refusal: Refusal | null): void
  /** How many times mail was refused. */
  refusals: number
  close(): Promise<void>
}

export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  let refusal: Refusal | null = null
  const state = { refusals: 0 }
  const received: ReceivedMail[] = []
  const refusalError = (r: Refusal) =>
    Object.assign(new Error(r.code === 550 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: r.code })

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusal?.at === 'recipient') {
        state.refusals++
        return callback(refusalError(refusal))
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusal?.at === 'message') {
          state.refusals++
          return callback(refusalError(refusal))
        }
        received.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope))
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    received,
    refuse(next) {
      refusal = next
    },
    get refusals() {
      return state.refusals
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function parse(
  raw: string,
  envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> },
): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
  }
  let text = raw.slice(split + 4)
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  if (encoding === 'quoted-printable') {
    // Soft line breaks go; each =XX is a byte, decoded as UTF-8 (the text's own % signs escaped first).
    const bytes = text
      .replace(/=\r\n/g, '')
      .replace(/%/g, '%25')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`)
    text = decodeURIComponent(bytes)
  } else if (encoding === 'base64') {
    text = Buffer.from(text, 'base64').toString('utf8')
  }
  return {
    to: envelope.rcptTo.map((r) => r.address),
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    headers,
    subject: headers.get('subject') ?? '',
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
  }
}
