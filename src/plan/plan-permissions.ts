import { can } from '../web/roles.js'
import type { Role } from '../db/database.js'

/** The improvement team edits every strand; a strand lead edits only the strands they lead. */
export function canEditStrand(role: Role, userId: number, strandLeadUserId: number | null): boolean {
  if (can(role, 'plan:edit-any')) return true
  return can(role, 'plan:edit-own-strand') && strandLeadUserId !== null && strandLeadUserId === userId
}
