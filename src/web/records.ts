// Loading the record a URL names, once, for every route of a router: parsed, looked up within the council,
// and a 404 when it is not there (or belongs to another council). Loaded before any role check, so
// another council's id is always "not found", never a 403 that would confirm it exists.
import type { Request, Response, Router } from 'express'
import { context, type CouncilContext } from './auth.js'
import { NotFoundError } from './errors.js'
import { parseId } from './forms.js'

export interface RecordParam<T, K> {
  /** The route parameter, e.g. 'strandId'. */
  readonly name: string
  /** Registers the loader on a router; each router that mounts a path with this parameter calls it. */
  register(router: Router): void
  /** The loaded record, in a handler behind the parameter. */
  of(res: Response): T
  readonly parse: (value: string) => K | undefined
}

/**
 * A route parameter naming a record. `load` returns undefined when there is none for this council (or
 * the person may not know it exists). `parse` turns the URL text into a key: a positive id by default.
 */
export function recordParam<T, K = number>(
  name: string,
  load: (key: K, ctx: CouncilContext, req: Request) => Promise<T | undefined> | T | undefined,
  parse: (value: string) => K | undefined = parseId as (value: string) => K | undefined,
): RecordParam<T, K> {
  const local = `record:${name}`
  return {
    name,
    parse,
    register(router) {
      router.param(name, async (req, res, next, value: string) => {
        try {
          const key = parse(value)
          const record = key === undefined ? undefined : await load(key, context(req), req)
          if (record === undefined || record === null) return next(new NotFoundError())
          res.locals[local] = record
          next()
        } catch (error) {
          next(error)
        }
      })
    },
    of(res) {
      if (!(local in res.locals)) throw new Error(`No ${name} loaded: is the route behind :${name}?`)
      return res.locals[local] as T
    },
  }
}
