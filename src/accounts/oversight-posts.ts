// Oversight posts: access to a council held by its overseer (a DfE adviser, a Commissioner, the Improvement
// Board's independent chair). The rules here decide which role a post carries, which roles a council's own
// administrator may give, and whether they may touch a person's access at all. Pure: no database.
import { OVERSIGHT_POSTS, ROLES, type OversightPost, type Role } from '../db/database.js'

export const OVERSIGHT_POST_LABELS: Record<OversightPost, string> = {
  adviser: 'DfE adviser',
  commissioner: 'Commissioner',
  'board-chair': 'Improvement Board chair',
}

/** The posts in the order a form offers them. */
export const OVERSIGHT_POST_CHOICES: readonly OversightPost[] = OVERSIGHT_POSTS

/** The role a post carries in the council: an adviser or Commissioner reads as an adviser; the chair as a Board member. */
export function roleForPost(post: OversightPost): Role {
  return post === 'board-chair' ? 'board-member' : 'adviser'
}

/** Whether a post's holder works for DfE (so a new account for them is DfE's); the Board chair is independent. */
export function postIsDfe(post: OversightPost): boolean {
  return post !== 'board-chair'
}

/**
 * The roles a council's own administrator may give. The adviser role exists only with an oversight post, which
 * only the service administrator grants; a Board member given here never holds the chair's post.
 */
export const COUNCIL_GRANTABLE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'adviser')

export function councilMayGiveRole(role: Role): boolean {
  return COUNCIL_GRANTABLE_ROLES.includes(role)
}

/** Whether a council's administrator may change, remove, re-invite or deactivate this member: not an overseer. */
export function councilMayManage(member: { oversight_post: OversightPost | null }): boolean {
  return member.oversight_post === null
}

/**
 * Whether withdrawing or removing someone's access should end their sessions now: they have no council left
 * and are not a service administrator (who may use the service with no council).
 */
export function losesAllAccess(remainingCouncils: number, serviceAdmin: boolean): boolean {
  return remainingCouncils === 0 && !serviceAdmin
}
