// Walks an Express 5 app's router and lists every (method, pattern) it registers, so a test can check that
// each one is covered by the lists that say who may use it and whether it is an accessible page.
import { paths } from '../web/paths.js'

/** Any route from src/web/paths.ts: a function building a link, with the pattern a router mounts. */
export type AnyRoute = ((...args: never[]) => string) & { readonly pattern: string }

export type Method = 'GET' | 'POST'

/** A route as the app registers it: the method and the full pattern, e.g. `/councils/:council/plan`. */
export interface RegisteredRoute {
  method: string
  pattern: string
}

const COUNCIL_ROOT = paths.council.root.pattern
const COUNCIL_ROUTES = new Set<unknown>(Object.values(paths.council).filter((r) => r !== paths.council.root))

/** The full pattern of a route from paths: council routes are mounted under /councils/:council. */
export function fullPattern(route: { readonly pattern: string }): string {
  if (!COUNCIL_ROUTES.has(route)) return route.pattern
  return route.pattern === '/' ? COUNCIL_ROOT : COUNCIL_ROOT + route.pattern
}

/** Builds a link to a route from its arguments, refusing the wrong number of them. */
export function link(route: AnyRoute, args: ReadonlyArray<string | number>): string {
  const expected = (fullPattern(route).match(/:\w+/g) ?? []).length
  if (args.length !== expected) {
    throw new Error(`${fullPattern(route)} takes ${expected} arguments, given ${args.length}: ${args.join(', ')}`)
  }
  return (route as unknown as (...a: ReadonlyArray<string | number>) => string)(...args)
}

/** The parts of the router's internals (the `router` package, v2) that the walk reads. */
interface LayerLike {
  name?: string
  /** Where `use()` mounted it: a path, or several. */
  rawPath?: unknown
  route?: { path: unknown; methods: Record<string, boolean | undefined> }
  handle?: { stack?: LayerLike[] }
}

function joinPath(prefix: string, path: string): string {
  if (path === '/') return prefix || '/'
  return prefix + path
}

function pathsOf(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? (value.flat(Infinity) as unknown[]) : [value]
  return list.map((p) => {
    if (typeof p !== 'string') throw new Error(`cannot read the path of ${where}: ${String(p)}`)
    return p
  })
}

/**
 * Every route registered on an Express 5 app or router, nested routers included, in order: `app.router.stack`
 * holds layers; a route layer has `route.path` and `route.methods`; a router mounted with `use()` has its own
 * `handle.stack`. Middleware that is not a router (static files, session...) registers no route and is skipped.
 */
export function registeredRoutes(app: { router: unknown } | { stack: unknown }): RegisteredRoute[] {
  const root = ('router' in app ? app.router : app) as { stack?: LayerLike[] }
  if (!Array.isArray(root.stack)) throw new Error('not an Express 5 app or router: it has no stack of layers')
  const found: RegisteredRoute[] = []
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      const route = layer.route
      if (route) {
        const methods = Object.keys(route.methods).filter((m) => route.methods[m])
        for (const path of pathsOf(route.path, `a route under ${prefix || '/'}`)) {
          for (const method of methods) found.push({ method: method.toUpperCase(), pattern: joinPath(prefix, path) })
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        for (const mount of pathsOf(layer.rawPath, `the router ${layer.name ?? ''} under ${prefix || '/'}`)) {
          walk(layer.handle.stack, mount === '/' ? prefix : prefix + mount)
        }
      }
    }
  }
  walk(root.stack, '')
  return found
}

/** A route that a list says is covered. */
export interface Covered {
  method: Method
  route: { readonly pattern: string }
}

export interface CoverageLists {
  /** Council routes (GET and POST) whose access by every role is tested. */
  accessMatrix: Covered[]
  /** GET routes whose page is checked for accessibility. */
  pages: Covered[]
  /** GET routes that are not HTML pages (downloads, JSON, static files), so have no accessibility check. */
  notPages: Covered[]
  /** Routes outside the council router, each covered by its own tests. */
  topLevel: Covered[]
}

const key = (method: string, pattern: string) => `${method} ${pattern}`

/**
 * What is wrong with the lists, one line per problem naming the route: a council route missing from the access
 * matrix, a GET route neither checked as a page nor listed as not a page, a top-level route not listed, or a
 * listed route that the app does not register.
 */
export function coverageProblems(registered: RegisteredRoute[], lists: CoverageLists): string[] {
  const keys = (list: Covered[]) => new Set(list.map((c) => key(c.method, fullPattern(c.route))))
  const matrix = keys(lists.accessMatrix)
  const pages = keys(lists.pages)
  const notPages = keys(lists.notPages)
  const topLevel = keys(lists.topLevel)
  const problems: string[] = []
  const seen = new Set<string>()
  for (const { method, pattern } of registered) {
    const k = key(method, pattern)
    if (seen.has(k)) continue
    seen.add(k)
    const inCouncil = pattern === COUNCIL_ROOT || pattern.startsWith(`${COUNCIL_ROOT}/`)
    if (inCouncil && !matrix.has(k)) problems.push(`${k}: a council route missing from the access matrix`)
    if (!inCouncil && !topLevel.has(k)) problems.push(`${k}: a top-level route missing from the top-level list`)
    if (method === 'GET' && !pages.has(k) && !notPages.has(k)) {
      problems.push(`${k}: neither checked for accessibility nor listed as not a page`)
    }
    if (method === 'GET' && pages.has(k) && notPages.has(k)) {
      problems.push(`${k}: listed both as a page and as not a page`)
    }
  }
  const named: Array<[string, Set<string>]> = [
    ['the access matrix', matrix],
    ['the accessibility list', pages],
    ['the not-a-page list', notPages],
    ['the top-level list', topLevel],
  ]
  for (const [name, set] of named) {
    for (const k of set) if (!seen.has(k)) problems.push(`${k}: in ${name}, but the app registers no such route`)
  }
  return problems
}
