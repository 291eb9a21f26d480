// Loading the record a URL names, once, for every route of a router: parsed, looked up within the council,
// and a 404 when it is not there (or belongs to another council). Loaded before any role check, so
// another council's id is always "not found", never a 403 that would confirm it exists.
import type { Request, Response, Router } from 'express'
import { context, type CouncilContext } from './auth.js'
import { NotFoundError } from './errors.js'
import { parseId } from './forms.js'

export interface RecordParam<T> {
  /** The route parameter, e.g. 'strandId'. */
  readonly name: string
  /** Registers the loader on a router; each router that mounts a path with this parameter calls it. */
  register(router: Router): void
  /** The loaded record, in a handler behind the parameter. */
  of(res: Response): T
}

type Loader<T, K> = (key: K, ctx: CouncilContext, req: Request) => Promise<T | undefined> | T | undefined

/** A parameter naming a record by its numeric id (anything else in the URL is a 404). */
export function recordParam<T>(name: string, load: Loader<T, number>): RecordParam<T> {
  return param(name, parseId, load)
}

/** A parameter naming a record by a text key (a catalogue id, a code). */
export function keyParam<T>(name: string, load: Loader<T, string>): RecordParam<T> {
  return param(name, (value) => value, load)
}

function param<T, K>(name: string, parse: (value: string) => K | undefined, load: Loader<T, K>): RecordParam<T> {
  const local = `record:${name}`
  return {
    name,
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
