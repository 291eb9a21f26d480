// Table types for Kysely. One interface per table; Selectable/Insertable/Updateable derive the rest.
import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Unit } from '../shared/units.js'
import type { Polarity } from '../shared/polarity.js'
import type { Frequency } from '../shared/calendar.js'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
/** ISO date string yyyy-mm-dd (the drivers are set to return dates as strings). */
type IsoDate = string
type Json<T> = ColumnType<T, string, string>

// The closed sets of values some columns hold (the migrations' check constraints hold the same sets).
// Areas add labels and rules; the sets live here so the table types need nothing from above.

export const ROLES = [
  'admin',
  'improvement-team',
  'strand-lead',
  'leader',
  'board-member',
  'adviser',
  'partner',
  'viewer',
] as const
export type Role = (typeof ROLES)[number]

export const MILESTONE_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]

export const BENCHMARK_KINDS = ['england', 'statistical-neighbours', 'region', 'comparator'] as const
export type BenchmarkKind = (typeof BENCHMARK_KINDS)[number]

export const VITAL_SIGNS = ['workforce', 'demand'] as const
export type VitalSign = (typeof VITAL_SIGNS)[number]

/**
 * A measure computed from others (never typed in): a - b, 100 * a / b, or 100 * a / (a + b).
 * a and b are measure codes of the same council; they may themselves be derived.
 */
export type Formula =
  | { op: 'difference'; a: string; b: string }
  | { op: 'percent'; a: string; b: string }
  | { op: 'share'; a: string; b: string }

export type OrganisationKind = 'council' | 'dfe' | 'partner'

export interface OrganisationTable {
  id: Generated<number>
  slug: string
  name: string
  kind: OrganisationKind
  /** The local authority's DfE 3-digit code, linking the council to the national statistics. */
  la_code: string | null
  created_at: CreatedAt
}

export interface AppUserTable {
  id: Generated<number>
  email: string
  display_name: string
  password_hash: string
  /** The body the person works for (a council, DfE, a partner agency); shown, not used for access. */
  employer_organisation_id: number | null
  active: Generated<boolean>
  created_at: CreatedAt
  updated_at: UpdatedAt
  password_changed_at: Generated<Date | null>
  /** Non-essential mail the person has chosen to receive (invitations and resets always go). */
  mail_reminders: Generated<boolean>
  mail_notices: Generated<boolean>
  mail_digest: Generated<boolean>
  /** A service-level administrator: above councils; grants and withdraws oversight access. */
  service_admin: Generated<boolean>
}

/** Someone who owns plan items without an account: named, with their organisation, role and email. */
export interface ContactTable {
  id: Generated<number>
  organisation_id: number
  name: string
  employer: Generated<string>
  role: Generated<string>
  email: string
  created_at: CreatedAt
  /** The partner organisation the contact works for, if it is one of the council's partners. */
  partner_organisation_id: Generated<number | null>
}

export const TOKEN_PURPOSES = ['invitation', 'password-reset'] as const
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number]

/** A single-use, time-limited link sent by email; only its SHA-256 hash is kept. */
export interface AccountTokenTable {
  id: Generated<number>
  user_id: number
  purpose: TokenPurpose
  token_hash: string
  expires_at: Date
  used_at: Date | null
  created_by: number | null
  created_at: CreatedAt
}

/** An existing account invited to join a council; it becomes a membership when the person accepts. */
export interface CouncilInvitationTable {
  id: Generated<number>
  organisation_id: number
  user_id: number
  /** The name the inviting administrator typed (the account's own name is not shown to them). */
  display_name: string
  role: Role
  /** For a partner's person: the partner organisation they are recorded as working for once they accept. */
  employer_organisation_id: number | null
  invited_by: number | null
  created_at: CreatedAt
  expires_at: Date
  accepted_at: Date | null
  declined_at: Date | null
}

/** A quarter's reporting round: its data cut-off, deadlines and lock. */
export interface ReportingRoundTable {
  id: Generated<number>
  organisation_id: number
  quarter_start: IsoDate
  data_cutoff_on: IsoDate
  /** Owners' updates (milestones, objectives, measure values, partner requests) are due by this day. */
  updates_due_on: IsoDate
  /** Strand leads' commentary is due by this later day (lower levels first). */
  commentary_due_on: IsoDate
  /** From this day the quarter's data is read-only except to the improvement team, with a reason. */
  locks_on: IsoDate
  /** How many days before each deadline a reminder goes (and one on the day). */
  reminder_days: Generated<number>
  opened_by: number | null
  opened_at: CreatedAt
  /** When the lock took effect (the lock date reached, or locked early); the report reads the data as at then. */
  locked_at: Date | null
  /** Set while the improvement team has the locked period open to correct it, with why. */
  unlocked_at: Date | null
  unlocked_by: number | null
  unlock_reason: Generated<string>
}

export const RETURN_ITEM_TYPES = ['milestone', 'objective', 'measure', 'strand', 'partner-request'] as const
export type ReturnItemType = (typeof RETURN_ITEM_TYPES)[number]

/** One item updated in a round, by whom and when (an update that changed nothing still counts). */
export interface RoundReturnTable {
  id: Generated<number>
  round_id: number
  item_type: ReturnItemType
  item_id: number
  user_id: number | null
  /** When it was last returned (a second update in the round moves it). */
  returned_at: UpdatedAt
  note: Generated<string>
}

export const MAIL_CATEGORIES = ['essential', 'reminder', 'notice', 'digest'] as const
export type MailCategory = (typeof MAIL_CATEGORIES)[number]
export const MAIL_STATUSES = ['pending', 'sent', 'failed', 'suppressed'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]

/** Every email, kept until sent and after: retried with back-off, never lost to a restart. */
export interface OutboxMessageTable {
  id: Generated<number>
  organisation_id: number | null
  to_user_id: number | null
  to_email: string
  category: MailCategory
  template: string
  subject: string
  body: string
  /** A message with the same key is queued once only (each reminder goes once). */
  dedupe_key: string | null
  status: Generated<MailStatus>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  last_error: Generated<string>
  /** How it went: smtp, notify, or outbox (no mail settings: kept for the sent-mail page). */
  transport: string | null
  created_at: CreatedAt
  sent_at: Date | null
}

export const OVERSIGHT_POSTS = ['adviser', 'commissioner', 'board-chair'] as const
export type OversightPost = (typeof OVERSIGHT_POSTS)[number]

/** Access to one council's data, with one role there. */
export interface MembershipTable {
  id: Generated<number>
  user_id: number
  organisation_id: number
  role: Role
  created_at: CreatedAt
  /**
   * Set when the access is held by the overseer (a DfE adviser, a Commissioner, the Board's independent
   * chair): only a service-level administrator grants, changes or withdraws it. Adviser role: adviser or
   * commissioner; board-member role: board-chair or null; other roles: null (a check constraint holds this).
   */
  oversight_post: Generated<OversightPost | null>
  /** Who granted an oversight post (a service-level administrator). */
  granted_by: Generated<number | null>
}

export interface SessionTable {
  sid: string
  data: Json<Record<string, unknown>>
  expires_at: Date
}

export interface PlanTable {
  id: Generated<number>
  organisation_id: number
  title: string
  starts_on: IsoDate
  /** The last day of the plan's period (null: open-ended). */
  ends_on: IsoDate | null
  /** Set when the plan is closed: it then raises no more overdue items. */
  closed_on: IsoDate | null
  /** Why and how it closed, in a line. */
  closed_note: Generated<string>
  /** The plan this one follows on from, when it carried objectives over. */
  follows_plan_id: number | null
  created_at: CreatedAt
}

export type StrandHalf = 'A' | 'B'
export type ActiveStatus = 'active' | 'retired'

export interface StrandTable {
  id: Generated<number>
  plan_id: number
  code: string
  half: StrandHalf
  title: string
  lead_title: string
  lead_user_id: number | null
  /** The lead when they are an external contact without an account (never both). */
  lead_contact_id: Generated<number | null>
  status: Generated<ActiveStatus>
  retired_on: IsoDate | null
  position: number
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ObjectiveTable {
  id: Generated<number>
  strand_id: number
  title: string
  description: string
  /** What will be different for children and families when the objective is met. */
  intended_impact: Generated<string>
  /** The plan it was carried over from (it keeps its id, milestones, updates and evidence). */
  carried_from_plan_id: Generated<number | null>
  /** The owner's role, as a label (the person is owner_user_id or owner_contact_id). */
  owner: Generated<string>
  owner_user_id: Generated<number | null>
  owner_contact_id: Generated<number | null>
  status: Generated<ActiveStatus>
  retired_on: IsoDate | null
  position: number
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface MilestoneTable {
  id: Generated<number>
  objective_id: number
  title: string
  /** The owner's role, as a label; before owners were people it held the only owner there was. */
  owner: string
  owner_user_id: Generated<number | null>
  owner_contact_id: Generated<number | null>
  due_on: IsoDate
  status: MilestoneStatus
  completed_on: IsoDate | null
  evidence: string
  position: number
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ObjectiveUpdateTable {
  id: Generated<number>
  objective_id: number
  body: string
  author_user_id: number | null
  created_at: CreatedAt
}

export type PlanItemType = 'strand' | 'objective' | 'milestone'

/** A plan item as it was recorded at a moment: the history a past quarter's report is read from. */
export interface PlanRecordTable {
  id: Generated<number>
  plan_id: number
  item_type: PlanItemType
  item_id: number
  recorded_at: ColumnType<Date, Date | string | undefined, never>
  recorded_by: number | null
  /** Why, when a due date moved. */
  reason: Generated<string>
  /** The item's fields as recorded; null when it was deleted. */
  state: Json<Record<string, unknown> | null> | null
}

export const EVIDENCE_KINDS = ['audit', 'visit', 'children', 'staff', 'partner', 'document', 'data'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]
export const EVIDENCE_DIRECTIONS = ['improving', 'no-change', 'worsening'] as const
export type EvidenceDirection = (typeof EVIDENCE_DIRECTIONS)[number]

/** A dated piece of evidence of impact for an objective, with an optional attachment kept in the database. */
export interface EvidenceEntryTable {
  id: Generated<number>
  objective_id: number
  observed_on: IsoDate
  kind: EvidenceKind
  summary: string
  direction: EvidenceDirection
  attachment_name: string | null
  attachment_type: string | null
  attachment: Buffer | null
  created_by: number | null
  created_at: CreatedAt
  /** Withdrawn entries are kept, so reports for quarters before the withdrawal still show them. */
  withdrawn_at: Date | null
  withdrawn_by: number | null
  withdrawn_reason: Generated<string>
}

export interface PlanVersionTable {
  id: Generated<number>
  plan_id: number
  number: number
  notes: string
  snapshot: Json<unknown>
  published_by: number | null
  published_at: CreatedAt
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'submit',
  'approve',
  'return',
  'publish',
  'sign-in',
  'sign-in-failed',
  'lockout',
  'refused',
  'load',
  'open',
  'lock',
  'unlock',
  'remind',
  'invite',
  'assign',
  'close',
  'reopen',
  'link',
  'unlink',
  'grant',
  'withdraw',
  'answer',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditLogTable {
  id: Generated<number>
  organisation_id: number | null
  user_id: number | null
  at: CreatedAt
  entity_type: string
  entity_id: string
  action: AuditAction
  summary: string
  before: Json<unknown> | null
  after: Json<unknown> | null
}

/** Recent failed sign-ins for one key ('account:<email>' or 'address:<client address>'). */
export interface SignInThrottleTable {
  key: string
  failures: number
  last_failure_at: Date
}

export interface AttemptFailureTable {
  id: Generated<number>
  key: string
  failed_at: Date
}

export interface MeasureTable {
  id: Generated<number>
  organisation_id: number
  code: string
  name: string
  definition: Generated<string>
  /** What a reader must know about the definition (what it includes, what it is not). */
  caveats: Generated<string>
  /** How it differs from the official indicator or benchmarks it is compared with; empty when alike. */
  comparability: Generated<string>
  unit: Unit
  polarity: Polarity
  frequency: Frequency
  source: Generated<string>
  /** The owner's role, as a label (the person is owner_user_id or owner_contact_id). */
  owner: Generated<string>
  owner_user_id: Generated<number | null>
  owner_contact_id: Generated<number | null>
  valid_min: number | null
  valid_max: number | null
  decimals: Generated<number>
  vital_sign: VitalSign | null
  formula: Json<Formula | null> | null
  /** The national indicator this measure is, whose official figures then benchmark it. */
  national_indicator: string | null
  position: Generated<number>
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface MeasureStrandTable {
  measure_id: number
  strand_id: number
}

export interface MeasureObjectiveTable {
  measure_id: number
  objective_id: number
}

export interface MeasureValueTable {
  id: Generated<number>
  measure_id: number
  period: IsoDate
  value: number
  note: string
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface MeasureTargetTable {
  id: Generated<number>
  measure_id: number
  value: number
  target_date: IsoDate | null
  note: string
  set_by: number | null
  set_at: CreatedAt
}

export interface MeasureBenchmarkTable {
  id: Generated<number>
  measure_id: number
  kind: BenchmarkKind
  comparator: string
  period: IsoDate
  value: number
  source: string
}

export interface MeasureRebaselineTable {
  id: Generated<number>
  measure_id: number
  from_period: IsoDate
  reason: string
  created_by: number | null
  created_at: CreatedAt
}

export interface ImportBatchTable {
  id: Generated<number>
  organisation_id: number
  kind: 'values' | 'benchmarks'
  filename: string
  rows: Json<unknown>
  uploaded_by: number | null
  status: Generated<'pending' | 'applied' | 'discarded'>
  created_at: CreatedAt
  applied_at: Date | null
}

export interface PartnerRequestTable {
  id: Generated<number>
  organisation_id: number
  partner: string
  description: string
  strand_id: number | null
  requested_on: IsoDate
  due_on: IsoDate
  received_on: IsoDate | null
  created_by: number | null
  created_at: CreatedAt
  /** Who at the partner answers it: a user, or a named contact without an account. */
  owner_user_id: Generated<number | null>
  owner_contact_id: Generated<number | null>
  /** The partner organisation it is addressed to: its people see it on their home page. */
  partner_organisation_id: Generated<number | null>
  response: Generated<string>
  responded_by: Generated<number | null>
  responded_at: Generated<Date | null>
  /** The Board meeting that commissioned it; null when the improvement team did. */
  meeting_id: Generated<number | null>
  /** Evidence the partner attached to their answer (checked by type and first bytes, as evidence entries are). */
  attachment_name: Generated<string | null>
  attachment_type: Generated<string | null>
  attachment: Generated<Buffer | null>
}

export interface ReportTable {
  id: Generated<number>
  organisation_id: number
  quarter_start: IsoDate
  status: Generated<ReportStatus>
  summary: Generated<string>
  recommendations: Generated<string>
  decisions: Generated<string>
  snapshot: Json<unknown> | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  published_by: number | null
  published_at: Date | null
  /** The cover: the Board and meeting it goes to, who wrote it, who answers for it, why, how it is marked. */
  board_name: Generated<string>
  meeting_on: IsoDate | null
  author_role: Generated<string>
  accountable_role: Generated<string>
  purpose: Generated<ReportPurpose>
  marking: Generated<ReportMarking>
  /** What became of the decisions asked for in the last report. */
  decisions_follow_up: Generated<string>
  /** Parts marked OFFICIAL-SENSITIVE: left out of the public edition. */
  sensitive: ColumnType<string[], string | undefined, string>
  /** 1, then one more for each correction. */
  revision: Generated<number>
  /** The published report this one corrects, and why. */
  corrects_report_id: number | null
  correction_reason: Generated<string>
  submitted_by: number | null
  submitted_at: Date | null
  approved_by: number | null
  approved_at: Date | null
  /** Set when the public edition was published (readable without signing in). */
  public_by: number | null
  public_at: Date | null
}

/** draft -> submitted -> approved (by a leader) -> published; a correction's publication supersedes the old. */
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'published', 'superseded'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
export type ReportPurpose = 'decision' | 'assurance' | 'information'
export type ReportMarking = 'OFFICIAL' | 'OFFICIAL-SENSITIVE'

export interface ReportCommentaryTable {
  report_id: number
  strand_id: number
  commentary: string
  impact: string
  updated_by: number | null
  updated_at: UpdatedAt
}

export interface ReportOverrideTable {
  report_id: number
  entity_type: 'strand' | 'objective'
  entity_id: number
  rag: 'red' | 'amber' | 'green'
  reason: string
  set_by: number | null
  set_at: UpdatedAt
}

// ---------------------------------------------------------------------------------------------------
// Intervention and scrutiny (migration 0011).

export const INTERVENTION_KINDS = ['improvement-notice', 'statutory-direction'] as const
export type InterventionKind = (typeof INTERVENTION_KINDS)[number]
export const OVERSEER_ROLES = ['adviser', 'commissioner'] as const
export type OverseerRole = (typeof OVERSEER_ROLES)[number]
export const OVERSIGHT_EVENT_KINDS = [
  'inspection',
  'focused-visit',
  'monitoring-visit',
  'jtai',
  'dfe-review',
  'adviser-review',
  'commissioner-review',
] as const
export type OversightEventKind = (typeof OVERSIGHT_EVENT_KINDS)[number]
export const INSPECTION_TYPES = ['standard', 'short'] as const
export type InspectionType = (typeof INSPECTION_TYPES)[number]
export const OVERSIGHT_EVENT_STATES = ['planned', 'held'] as const
export type OversightEventState = (typeof OVERSIGHT_EVENT_STATES)[number]
export const FINDING_KINDS = ['strength', 'finding', 'recommendation'] as const
export type FindingKind = (typeof FINDING_KINDS)[number]
/** The Ofsted judgement domains, keyed as the national inspection table names them. */
export const JUDGEMENT_DOMAINS = ['overall', 'leaders', 'help_and_protection', 'in_care', 'care_leavers'] as const
export type JudgementDomain = (typeof JUDGEMENT_DOMAINS)[number]
export const SELF_ASSESSMENT_STATUSES = ['draft', 'submitted'] as const
export type SelfAssessmentStatus = (typeof SELF_ASSESSMENT_STATUSES)[number]

/** The council's Improvement Board: its name, the independent chair's title, how often it meets. */
export interface BoardTable {
  id: Generated<number>
  organisation_id: number
  name: string
  chair_title: Generated<string>
  cadence_weeks: Generated<number>
  remit: Generated<string>
  updated_at: UpdatedAt
}

/** A member of the Board (a person need not have an account; `user_id` links one who does). */
export interface BoardMemberTable {
  id: Generated<number>
  organisation_id: number
  name: string
  role_title: Generated<string>
  /** The body they come from (the council, DfE, health, police, ...), as text. */
  member_of: Generated<string>
  is_chair: Generated<boolean>
  user_id: number | null
  joined_on: IsoDate | null
  left_on: IsoDate | null
  created_at: CreatedAt
}

/** A meeting of the Improvement Board: a date in the future is a planned meeting. */
export interface BoardMeetingTable {
  id: Generated<number>
  organisation_id: number
  held_on: IsoDate
  title: string
  /** The minutes, in brief (a summary). */
  summary: Generated<string>
  /** The minutes in full. */
  minutes: Generated<string>
  /** The progress report the meeting considered. */
  report_id: number | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]

export interface BoardAttendanceTable {
  meeting_id: number
  member_id: number
  status: AttendanceStatus
}

/** An item on a meeting's agenda, with its paper: a report of the council's, or another document by link. */
export interface BoardAgendaItemTable {
  id: Generated<number>
  meeting_id: number
  position: number
  title: string
  report_id: number | null
  paper_title: Generated<string>
  paper_url: Generated<string>
}

export interface BoardDecisionTable {
  id: Generated<number>
  meeting_id: number
  position: number
  text: string
  /** The report the decision was taken on, if any: the next report says what became of it. */
  report_id: Generated<number | null>
}

export const ACTION_OUTCOMES = ['done', 'dropped'] as const
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number]

/** An action from a Board meeting. Open while `outcome` is null; closed on `closed_on` (so it can be read as at any day). */
export interface BoardActionTable {
  id: Generated<number>
  organisation_id: number
  meeting_id: number
  decision_id: number | null
  text: string
  owner: string
  due_on: IsoDate
  outcome: ActionOutcome | null
  closed_on: IsoDate | null
  progress: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export const RISK_KINDS = ['risk', 'issue'] as const
export type RiskKind = (typeof RISK_KINDS)[number]

/** A risk or issue in the improvement programme's register. Its score lives in its dated assessments. */
export interface RiskTable {
  id: Generated<number>
  organisation_id: number
  kind: RiskKind
  /** The council's own reference, like R7 (unique in the council, case-insensitively). */
  reference: string
  title: string
  description: Generated<string>
  strand_id: number | null
  owner: string
  mitigations: Generated<string>
  opened_on: IsoDate
  /** Escalated to the Board on this day. */
  escalated_on: IsoDate | null
  closed_on: IsoDate | null
  closed_note: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** A dated scoring of a risk: likelihood and impact, each 1 to 5. The latest on or before a day is its score then. */
export interface RiskAssessmentTable {
  id: Generated<number>
  risk_id: number
  assessed_on: IsoDate
  likelihood: number
  impact: number
  note: Generated<string>
  created_by: number | null
  created_at: CreatedAt
}

/** The improvement programme's resources in one quarter: money in pounds, capacity in full-time equivalents. */
export interface ResourceQuarterTable {
  id: Generated<number>
  organisation_id: number
  quarter_start: IsoDate
  /** numeric columns: the drivers return them as strings. */
  programme_budget: ColumnType<string, number | string, number | string>
  programme_spend: ColumnType<string, number | string, number | string>
  agency_spend: ColumnType<string, number | string, number | string>
  team_fte_funded: ColumnType<string, number | string, number | string>
  team_fte_in_post: ColumnType<string, number | string, number | string>
  note: Generated<string>
  updated_by: number | null
  updated_at: UpdatedAt
}

export const PARTNER_SECTORS = ['health', 'police', 'education', 'justice', 'voluntary', 'other'] as const
export type PartnerSector = (typeof PARTNER_SECTORS)[number]

/** A partner organisation (an organisation of kind partner) that a council works with. */
export interface CouncilPartnerTable {
  council_id: number
  partner_id: number
  sector: PartnerSector
  created_at: CreatedAt
}

/** An Improvement Notice or Statutory Direction. */
export interface InterventionTable {
  id: Generated<number>
  organisation_id: number
  kind: InterventionKind
  title: string
  issued_on: IsoDate
  /** The issuing body, e.g. "Department for Education". */
  issued_by: string
  overseer_role: OverseerRole
  /** DfE reviews of progress at least this often (the 2018 Notice: six months). */
  review_interval_months: Generated<number>
  /** Ofsted monitoring visits expected about this often; null when none are expected. */
  monitoring_interval_months: number | null
  summary: Generated<string>
  /** Lifted or superseded on this day. */
  ended_on: IsoDate | null
  ended_note: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** One numbered requirement of an intervention: a short title in our own words and its paragraph number. */
export interface InterventionRequirementTable {
  id: Generated<number>
  intervention_id: number
  /** The paragraph number as the Notice prints it: "5", "5b", "9a". */
  paragraph: string
  title: string
  due_on: IsoDate | null
  position: number
  /** Met on this day, with the evidence in closure_note (and its links). */
  closed_on: IsoDate | null
  closure_note: Generated<string>
  closed_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** An inspection, visit or review of the council's children's services. */
export interface OversightEventTable {
  id: Generated<number>
  organisation_id: number
  kind: OversightEventKind
  /** For an inspection: standard or short (ILACS). */
  inspection_type: InspectionType | null
  title: Generated<string>
  intervention_id: number | null
  /** The same inspection in the national Ofsted data, whose dates and judgements it shows (never retyped). */
  national_inspection_id: number | null
  state: Generated<OversightEventState>
  starts_on: IsoDate
  ends_on: IsoDate | null
  published_on: IsoDate | null
  summary: Generated<string>
  themes: ColumnType<string[], string | undefined, string>
  /** Judgements per domain where graded and not held in the national data: { overall: 'inadequate', ... }. */
  judgements: ColumnType<Partial<Record<JudgementDomain, string>>, string | undefined, string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** A strength, finding or recommendation from an inspection, visit or review, tracked to closure. */
export interface OversightFindingTable {
  id: Generated<number>
  event_id: number
  kind: FindingKind
  reference: Generated<string>
  theme: Generated<string>
  text: string
  due_on: IsoDate | null
  position: number
  closed_on: IsoDate | null
  closure_note: Generated<string>
  closed_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** What answers a requirement or finding: exactly one subject column and one target column are set. */
export interface OversightLinkTable {
  id: Generated<number>
  requirement_id: number | null
  finding_id: number | null
  objective_id: number | null
  milestone_id: number | null
  report_id: number | null
  meeting_id: number | null
  evidence_id: number | null
  created_by: number | null
  created_at: CreatedAt
}

/** The council's own assessment of improvement before a review: a live draft, frozen when submitted. */
export interface SelfAssessmentTable {
  id: Generated<number>
  organisation_id: number
  title: string
  review_event_id: number | null
  status: Generated<SelfAssessmentStatus>
  /** The narrative sections, by key. */
  narrative: ColumnType<Record<string, string>, string | undefined, string>
  /** The content as submitted (null while a draft). */
  snapshot: Json<unknown> | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  submitted_by: number | null
  submitted_at: Date | null
}

// Staff surveys (src/voice/survey-*): aggregated counts per response option only, never individual answers.
export interface StaffSurveyRoundTable {
  id: Generated<number>
  organisation_id: number
  /** The day the round closed. */
  closed_on: IsoDate
  /** Who was asked, like "All children's social care staff". */
  audience: string
  invited: number
  responded: number
  note: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface StaffSurveyQuestionTable {
  id: Generated<number>
  organisation_id: number
  code: string | null
  text: string
  created_at: CreatedAt
}

export interface StaffSurveyResultTable {
  round_id: number
  question_id: number
  strongly_agree: number
  agree: number
  neither: number
  disagree: number
  strongly_disagree: number
  updated_at: UpdatedAt
}

export interface StaffSurveyQuestionObjectiveTable {
  organisation_id: number
  question_id: number
  objective_id: number
  created_by: number | null
  created_at: CreatedAt
}

export interface StaffSurveyImportTable {
  id: Generated<number>
  organisation_id: number
  round_id: number
  filename: string
  rows: Json<unknown>
  uploaded_by: number | null
  status: Generated<'pending' | 'applied' | 'discarded'>
  created_at: CreatedAt
  applied_at: Date | null
}

export interface StaffReferenceNoteTable {
  id: Generated<number>
  organisation_id: number
  held_on: IsoDate
  /** A few short theme tags. */
  themes: Json<string[]>
  summary: string
  /** What the service will do. */
  response: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export const VOICE_SOURCES = [
  'advocacy-app',
  'children-in-care-council',
  'participation-event',
  'complaint',
  'survey',
  'other',
] as const
export type VoiceSource = (typeof VOICE_SOURCES)[number]
export const VOICE_TONES = ['positive', 'mixed', 'negative'] as const
export type VoiceTone = (typeof VOICE_TONES)[number]
export const VOICE_ACTION_STATUSES = ['planned', 'in-progress', 'done'] as const
export type VoiceActionStatus = (typeof VOICE_ACTION_STATUSES)[number]

/** A council's theme of what children and young people tell it, with a short plain-words description. */
export interface VoiceThemeTable {
  id: Generated<number>
  organisation_id: number
  title: string
  description: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** Something children said, summarised without names or dates of birth. */
export interface VoiceFeedbackTable {
  id: Generated<number>
  organisation_id: number
  theme_id: number
  heard_on: IsoDate
  source: VoiceSource
  summary: string
  /** How it reflects children's experience. */
  tone: VoiceTone
  children_count: number | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** A "you said, we did" action; done_on is set exactly when the status is done. */
export interface VoiceActionTable {
  id: Generated<number>
  organisation_id: number
  theme_id: number
  you_said: string
  we_did: string
  status: VoiceActionStatus
  done_on: IsoDate | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface VoiceActionObjectiveTable {
  action_id: number
  objective_id: number
}

/** A theme linked to an objective: the theme's feedback is evidence of the objective's impact. */
export interface VoiceThemeObjectiveTable {
  organisation_id: number
  theme_id: number
  objective_id: number
  created_by: number | null
  created_at: CreatedAt
}

export const CASE_AUDIT_ROUND_STATUSES = ['open', 'closed'] as const
export type CaseAuditRoundStatus = (typeof CASE_AUDIT_ROUND_STATUSES)[number]
export const AUDIT_GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const
export type AuditGrade = (typeof AUDIT_GRADES)[number]
export const SERVICE_AREAS = [
  'front-door',
  'assessment',
  'child-in-need',
  'child-protection',
  'children-in-care',
  'care-leavers',
  'disabled-children',
  'early-help',
] as const
export type ServiceArea = (typeof SERVICE_AREAS)[number]
export const MODERATION_OUTCOMES = ['not-moderated', 'agreed', 'raised', 'lowered'] as const
export type ModerationOutcome = (typeof MODERATION_OUTCOMES)[number]

/** A round of case-file audits for one month; closed once moderated, when it feeds the council's measure. */
export interface CaseAuditRoundTable {
  id: Generated<number>
  organisation_id: number
  title: string
  /** The month audited (first day): the measure's period. */
  audit_month: IsoDate
  theme: Generated<string>
  status: Generated<CaseAuditRoundStatus>
  closed_on: IsoDate | null
  closed_note: Generated<string>
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** One audited case: a case reference from the case recording system (never a name), graded per domain. */
export interface CaseAuditCaseTable {
  id: Generated<number>
  round_id: number
  organisation_id: number
  reference: string
  service_area: ServiceArea
  grade_voice: AuditGrade
  grade_assessment: AuditGrade
  grade_planning: AuditGrade
  grade_oversight: AuditGrade
  grade_overall: AuditGrade
  moderation: Generated<ModerationOutcome>
  /** The overall grade after moderation, when moderation raised or lowered it (else null). */
  moderated_overall: AuditGrade | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export const INTERVAL_UNITS = ['days', 'weeks'] as const
export type IntervalUnit = (typeof INTERVAL_UNITS)[number]

/** A practice standard: the local interval beside the statutory minimum (null when the law sets none). */
export interface PracticeStandardTable {
  id: Generated<number>
  organisation_id: number
  title: string
  applies_to: string
  local_every: number
  local_unit: IntervalUnit
  statutory_every: number | null
  statutory_unit: IntervalUnit | null
  statutory_source: Generated<string>
  note: Generated<string>
  /** The success measure its monthly compliance feeds, made the first time a month is recorded. */
  measure_id: number | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}
export type PracticeStandard = Selectable<PracticeStandardTable>

/** One month's compliance with a standard (month is the first day of the month). */
export interface PracticeStandardMonthTable {
  id: Generated<number>
  standard_id: number
  month: IsoDate
  caseload: number
  due: number
  seen_local: number
  seen_statutory: number | null
  note: Generated<string>
  recorded_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}
export type PracticeStandardMonth = Selectable<PracticeStandardMonthTable>

export const LEADERSHIP_TIERS = ['director', 'deputy-director', 'assistant-director', 'head-of-service'] as const
export type LeadershipTier = (typeof LEADERSHIP_TIERS)[number]
export const HOLDER_STATUSES = ['permanent', 'interim', 'acting', 'vacant'] as const
export type HolderStatus = (typeof HOLDER_STATUSES)[number]

/** A senior post in children's services (no holder's name is kept). It exists from created_on to deleted_on. */
export interface LeadershipPostTable {
  id: Generated<number>
  organisation_id: number
  title: string
  tier: LeadershipTier
  created_on: IsoDate | null
  /** Removed from the structure on this day (it no longer exists from then). */
  deleted_on: IsoDate | null
  created_by: number | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** How a post was held from starts_on until the post's next period starts. */
export interface LeadershipPeriodTable {
  id: Generated<number>
  post_id: number
  starts_on: IsoDate
  status: HolderStatus
  note: Generated<string>
  created_by: number | null
  created_at: CreatedAt
}

/** An objective that the council's leadership stability is evidence for. */
export interface LeadershipObjectiveTable {
  organisation_id: number
  objective_id: number
  created_by: number | null
  created_at: CreatedAt
}

export interface Database {
  organisation: OrganisationTable
  app_user: AppUserTable
  membership: MembershipTable
  session: SessionTable
  contact: ContactTable
  account_token: AccountTokenTable
  council_invitation: CouncilInvitationTable
  reporting_round: ReportingRoundTable
  round_return: RoundReturnTable
  outbox_message: OutboxMessageTable
  plan: PlanTable
  strand: StrandTable
  objective: ObjectiveTable
  milestone: MilestoneTable
  objective_update: ObjectiveUpdateTable
  plan_version: PlanVersionTable
  plan_record: PlanRecordTable
  evidence_entry: EvidenceEntryTable
  audit_log: AuditLogTable
  sign_in_throttle: SignInThrottleTable
  attempt_failure: AttemptFailureTable
  measure: MeasureTable
  measure_strand: MeasureStrandTable
  measure_objective: MeasureObjectiveTable
  measure_value: MeasureValueTable
  measure_target: MeasureTargetTable
  measure_benchmark: MeasureBenchmarkTable
  measure_rebaseline: MeasureRebaselineTable
  import_batch: ImportBatchTable
  partner_request: PartnerRequestTable
  report: ReportTable
  report_commentary: ReportCommentaryTable
  report_override: ReportOverrideTable
  national_area: NationalAreaTable
  national_value: NationalValueTable
  national_release: NationalReleaseTable
  national_value_change: NationalValueChangeTable
  statistical_neighbour: StatisticalNeighbourTable
  ofsted_inspection: OfstedInspectionTable
  board: BoardTable
  board_member: BoardMemberTable
  board_meeting: BoardMeetingTable
  board_attendance: BoardAttendanceTable
  board_agenda_item: BoardAgendaItemTable
  board_decision: BoardDecisionTable
  board_action: BoardActionTable
  risk: RiskTable
  risk_assessment: RiskAssessmentTable
  resource_quarter: ResourceQuarterTable
  council_partner: CouncilPartnerTable
  intervention: InterventionTable
  intervention_requirement: InterventionRequirementTable
  oversight_event: OversightEventTable
  oversight_finding: OversightFindingTable
  oversight_link: OversightLinkTable
  self_assessment: SelfAssessmentTable
  staff_survey_round: StaffSurveyRoundTable
  staff_survey_question: StaffSurveyQuestionTable
  staff_survey_result: StaffSurveyResultTable
  staff_survey_question_objective: StaffSurveyQuestionObjectiveTable
  staff_survey_import: StaffSurveyImportTable
  staff_reference_note: StaffReferenceNoteTable
  voice_theme: VoiceThemeTable
  voice_feedback: VoiceFeedbackTable
  voice_action: VoiceActionTable
  voice_action_objective: VoiceActionObjectiveTable
  voice_theme_objective: VoiceThemeObjectiveTable
  case_audit_round: CaseAuditRoundTable
  case_audit_case: CaseAuditCaseTable
  practice_standard: PracticeStandardTable
  practice_standard_month: PracticeStandardMonthTable
  leadership_post: LeadershipPostTable
  leadership_period: LeadershipPeriodTable
  leadership_objective: LeadershipObjectiveTable
  report_file: ReportFileTable
  derived_stamp: DerivedStampTable
}

/** A published report's file (PDF, Word or Excel), made once (migrations 0021 and 0022). */
export interface ReportFileTable {
  report_id: number
  edition: 'council' | 'public'
  format: 'pdf' | 'docx' | 'xlsx'
  content_hash: string
  body: Buffer
  created_at: Generated<Date>
}

export type AreaLevel = 'national' | 'regional' | 'local authority'

export interface NationalAreaTable {
  code: string
  level: AreaLevel
  name: string
  ons_code: string | null
  region_code: string | null
}

export interface NationalValueTable {
  indicator: string
  area_code: string
  year: number
  value: number | null
  numerator: number | null
  denominator: number | null
  /** DfE's marker for a figure not published: c, x, z, low, u, k. */
  suppression: string | null
  release_id: number
}

export interface NationalReleaseTable {
  id: Generated<number>
  dataset: string
  file_name: string
  sha256: string
  loaded_by: number | null
  loaded_at: CreatedAt
  rows_read: number
  values_added: number
  values_changed: number
  values_unchanged: number
}

export interface NationalValueChangeTable {
  id: Generated<number>
  indicator: string
  area_code: string
  year: number
  old_value: number | null
  old_suppression: string | null
  new_value: number | null
  new_suppression: string | null
  release_id: number
}

export interface StatisticalNeighbourTable {
  area_code: string
  rank: number
  neighbour_code: string
  closeness: string
}

export interface OfstedInspectionTable {
  id: Generated<number>
  area_code: string
  kind: string
  started_on: string
  published_on: string | null
  overall: string | null
  leaders: string | null
  help_and_protection: string | null
  in_care: string | null
  care_leavers: string | null
  theme: string | null
  source: string
}

export type Plan = Selectable<PlanTable>
export type Strand = Selectable<StrandTable>
export type Objective = Selectable<ObjectiveTable>
export type Milestone = Selectable<MilestoneTable>
export type Measure = Selectable<MeasureTable>
export type ReportingRound = Selectable<ReportingRoundTable>
export type Contact = Selectable<ContactTable>
export type BoardMeeting = Selectable<BoardMeetingTable>
export type Intervention = Selectable<InterventionTable>
export type InterventionRequirement = Selectable<InterventionRequirementTable>
export type OversightEvent = Selectable<OversightEventTable>
export type OversightFinding = Selectable<OversightFindingTable>
export type OversightLink = Selectable<OversightLinkTable>
export type SelfAssessment = Selectable<SelfAssessmentTable>

/** A counter per kind of input to derived figures, raised by triggers on every change (migration 0023). */
export interface DerivedStampTable {
  scope: 'measures' | 'national'
  version: number
}
