// What a request carries once the session and council are known, and what the session holds.
import type { Role } from '../db/database.js'

/** One council the signed-in person may see, and their role there. */
export interface CouncilAccess {
  organisationId: number
  slug: string
  name: string
  role: Role
}

export interface SignedInUser {
  id: number
  email: string
  displayName: string
  /** The councils they may see: none for a service administrator who has no council access. */
  councils: CouncilAccess[]
  /** A service-level administrator (above councils): grants and withdraws oversight access. */
  serviceAdmin: boolean
  /** The partner organisation they work for, if any (they answer the requests addressed to it). */
  employerOrganisationId: number | null
}

/** A one-off message for the next page (a GOV.UK notification banner). Text only: never HTML. */
export interface Flash {
  heading: string
  text?: string
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SignedInUser
      council?: CouncilAccess
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number
    /** When this session signed in (ms since 1970): a password changed since then ends it. */
    signedInAt?: number
    csrfToken?: string
    flash?: Flash
  }
}
