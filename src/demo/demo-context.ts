// What the demo seeders of the Board, the risk register and partners are given: both councils' ids, their plans,
// the user who records things, each council's partner organisation, and the day the demo is loaded.
export interface CouncilDemo {
  organisationId: number
  planId: number
  /** The improvement officer who records things in the demo. */
  userId: number
  /** The council's demo partner organisation (organisation kind partner). */
  partnerOrganisationId: number
  /** The demo partner user working for it. */
  partnerUserId: number
}

export interface DemoContext {
  bradford: CouncilDemo
  northfield: CouncilDemo
  /** The day the demo is loaded (yyyy-mm-dd): Northfield's live plan is dated from it. */
  today: string
}
