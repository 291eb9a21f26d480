// What each role a user can hold in a council may do. Every route asks `can()`. (The roles themselves
// are a column's value set: src/db/database.ts.)
import { ROLES, type Role } from '../db/database.js'

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  'improvement-team': 'Improvement team',
  'strand-lead': 'Strand lead',
  leader: 'Senior leader',
  'board-member': 'Improvement Board member',
  adviser: 'DfE adviser or Commissioner',
  partner: 'Partner agency',
  viewer: 'Viewer (published plans only)',
}

export type Capability =
  /** See the live (draft) plan, not just published versions. */
  | 'plan:read-draft'
  | 'plan:read-published'
  /** Edit any strand, its objectives and milestones; add strands. */
  | 'plan:edit-any'
  /** Edit the strands the user leads. */
  | 'plan:edit-own-strand'
  | 'plan:publish'
  /** Approve a submitted report for publication, or send it back (the Director or another senior leader). */
  | 'report:approve'
  | 'audit:read'
  /** See success measures and Vital Signs. */
  | 'measures:read'
  /** Define measures, enter and import values, set targets and benchmarks. */
  | 'measures:edit'
  | 'users:manage'
  /** See the official national statistics and Ofsted judgements (public data). */
  | 'national:read'
  /** See which national releases were loaded, by whom, and the figures they changed (loading is the service's). */
  | 'national:loads'
  /** Open, change, lock and unlock reporting rounds; chase returns; change locked data with a reason. */
  | 'rounds:manage'
  /** Read every email the app has sent or queued for the council (the sent-mail page). */
  | 'mail:read-all'
  /** See the Notice, inspections, visits, reviews, findings, self-assessments, Board meetings and the timeline. */
  | 'oversight:read'
  /** Record and change them: requirements, findings and their links, closure, self-assessments. */
  | 'oversight:edit'
  /** Keep the Board: its members and cadence, meetings, attendance, agenda, minutes, decisions and actions. */
  | 'board:edit'
  /** Keep the risk and issue register and the improvement resources. (Reading them needs oversight:read.) */
  | 'risks:edit'
  /** Add partner organisations and invite their people (partner role only). */
  | 'partners:manage'
  /** See and answer the requests addressed to one's own partner organisation. */
  | 'contributions:answer'
  /**
   * Keep the evidence from practice: staff surveys, children's voice and "you said, we did", case-file audits,
   * practice standards and leadership posts. (Reading it needs measures:read.)
   */
  | 'practice:edit'

const READ_DRAFT: Capability[] = [
  'plan:read-draft',
  'plan:read-published',
  'measures:read',
  'national:read',
  'oversight:read',
]

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: [
    ...READ_DRAFT,
    'plan:edit-any',
    'plan:publish',
    'audit:read',
    'users:manage',
    'measures:edit',
    'national:loads',
    'rounds:manage',
    'mail:read-all',
    'oversight:edit',
    'board:edit',
    'risks:edit',
    'partners:manage',
    'practice:edit',
  ],
  'improvement-team': [
    ...READ_DRAFT,
    'plan:edit-any',
    'plan:publish',
    'audit:read',
    'measures:edit',
    'rounds:manage',
    'mail:read-all',
    'oversight:edit',
    'board:edit',
    'risks:edit',
    'partners:manage',
    'practice:edit',
  ],
  'strand-lead': [...READ_DRAFT, 'plan:edit-own-strand'],
  leader: [...READ_DRAFT, 'report:approve'],
  'board-member': READ_DRAFT,
  adviser: READ_DRAFT,
  partner: ['plan:read-published', 'national:read', 'contributions:answer'],
  viewer: ['plan:read-published', 'national:read'],
}

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability)
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
