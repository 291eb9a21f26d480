// What bench/load.ts needs to act as a signed-in person over real HTTP: a cookie jar, signing in, and the
// demo's main read pages for each role. Kept apart so that the load loop itself stays short.
import http from 'node:http'
import { paths } from '../src/web/paths.js'

export const DEMO_PASSWORD = 'Turnaround-demo-2026'

/** One keep-alive pool for every simulated person: as a browser would, each reuses connections. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

export interface Answer {
  status: number
  body: string
  cookies: string[]
  location?: string
}

export function send(
  base: string,
  path: string,
  options: { method?: 'GET' | 'POST'; cookie?: string; form?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const url = new URL(path, base)
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(body
            ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
            location: res.headers.location,
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs ?? 30_000} ms`)))
    req.on('error', reject)
    req.end(body)
  })
}

/** Signs in as a demo account; returns the Cookie header its later requests send. */
export async function signIn(base: string, email: string): Promise<string> {
  const page = await send(base, paths.signIn())
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
  if (!csrf) throw new Error(`the sign-in page has no CSRF token (status ${page.status})`)
  const jar = new Map(page.cookies.map((c) => [c.split('=')[0]!, c]))
  const answer = await send(base, paths.signIn(), {
    method: 'POST',
    cookie: [...jar.values()].join('; '),
    form: { email, password: DEMO_PASSWORD, _csrf: csrf, returnTo: '/' },
  })
  if (answer.status !== 302) throw new Error(`sign-in as ${email} answered ${answer.status}`)
  for (const c of answer.cookies) jar.set(c.split('=')[0]!, c)
  return [...jar.values()].join('; ')
}

export interface Visitor {
  role: string
  email: string
  cookie: string
  pages: string[]
}

const B = 'bradford'

/** The pages a busy person of each role opens most: home, plan, measures, Vital Signs, benchmarks, reports. */
export async function mainPages(base: string, cookie: string, role: string): Promise<string[]> {
  const C = paths.council
  // A measure and a published report of the demo, found as a person would: from the lists.
  const measures = await send(base, C.measures(B), { cookie })
  const measure = new RegExp(`href="(/councils/${B}/measures/\\d+)"`).exec(measures.body)?.[1]
  // The reports list: each row a link and its state (Draft, Published, ...).
  const reports = await send(base, C.reports(B), { cookie })
  const rows = [
    ...reports.body.matchAll(new RegExp(`href="(/councils/${B}/reports/\\d+)"[\\s\\S]*?govuk-tag[^>]*>([^<]+)<`, 'g')),
  ]
  const published = rows.find((r) => r[2] === 'Published')?.[1]
  const draft = rows.find((r) => r[2] === 'Draft')?.[1]
  const common = [
    paths.home(),
    C.home(B),
    C.benchmarks(B),
    C.inspections(B),
    C.reports(B),
    ...(published ? [published] : []),
  ]
  const byRole: Record<string, string[]> = {
    // The team reads the draft it is preparing; everyone else reads what was published.
    'improvement team': [
      C.plan(B),
      C.measures(B),
      C.vitalSigns(B),
      ...(measure ? [measure] : []),
      C.myUpdates(B),
      ...(draft ? [draft] : []),
    ],
    'Board chair': [C.plan(B), C.measures(B), C.vitalSigns(B), ...(measure ? [measure] : [])],
    'DfE adviser': [C.plan(B), C.vitalSigns(B), ...(measure ? [measure] : [])],
    'scrutiny councillor': [],
  }
  return [...common, ...(byRole[role] ?? [])]
}

export const ROLES = [
  { role: 'improvement team', email: 'improvement@bradford.example' },
  { role: 'Board chair', email: 'board@bradford.example' },
  { role: 'DfE adviser', email: 'adviser@dfe.example' },
  { role: 'scrutiny councillor', email: 'councillor@bradford.example' },
]
