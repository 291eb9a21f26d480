import type { CouncilAccess, SignedInUser } from '../accounts/account-repository.js'

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
    csrfToken?: string
    /** One-off message shown on the next page (GOV.UK notification banner). */
    flash?: { heading: string; html?: string }
  }
}

export {}
