// Every page the accessibility test opens, who opens it and what it answers; and every GET route that is not
// an HTML page, with the reason it has no accessibility check. src/server/route-access.db.test.ts walks the
// app's router and fails if a GET route is in neither list.
import { paths } from '../../src/web/paths.js'
import type { demoIds } from '../../src/test-support/demo-ids.js'
import type { AnyRoute } from '../../src/test-support/route-walk.js'
import { quarterOf } from '../../src/shared/calendar.js'
import { todayIso } from '../../src/shared/dates.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

/** The headings of the demo records these pages show (src/demo), by their names in the demo ids. */
export const DEMO_HEADINGS = {
  bradford: 'City of Bradford Metropolitan District Council',
  otherStrand: 'Children in care and care leavers',
  otherObjective: 'Specialist children in care and care leavers service',
  derivedMeasure: 'Posts not filled by a permanent social worker (% of posts)',
  recordedMeasure: 'Average social worker caseload',
}
const BRADFORD = DEMO_HEADINGS.bradford
const NORTHFIELD = 'Northfield Borough Council (fictional)'

export type DemoIds = Awaited<ReturnType<typeof demoIds>>

const IMPROVEMENT = 'improvement@bradford.example'
const BOARD = 'board@bradford.example'
const ADMIN = 'admin@bradford.example'
const SERVICE = 'service@turnaround.example'

/** A route with a function giving all its arguments (the council first) from the demo ids. */
type RouteWithArgs<Routes> = {
  [K in keyof Routes]: Routes[K] extends AnyRoute
    ? { route: Routes[K]; args: (ids: DemoIds) => Parameters<Routes[K]> }
    : never
}[keyof Routes]

export type PageCheck = (RouteWithArgs<Omit<typeof paths, 'council'>> | RouteWithArgs<typeof paths.council>) & {
  /** Added to the link, e.g. `?from=1&to=2`. */
  query?: string
  /** The demo account that opens it; none for a signed-out visitor. */
  as?: string
  /** The page's h1. */
  heading: string | RegExp
  /** The status it answers with, if not 200. */
  status?: 403 | 404
}

/** Opened in this order, each checked with axe-core (WCAG 2.0 to 2.2, A and AA). */
export const ACCESSIBILITY_PAGES: PageCheck[] = [
  { route: paths.signIn, args: () => [], heading: 'Sign in to Turnaround' },
  // Each role's home page: the adviser's councils in one line each, and each council home as its roles see it.
  { route: paths.home, args: () => [], as: 'adviser@dfe.example', heading: 'Your councils' },
  { route: P.home, args: () => [N], as: 'director@northfield.example', heading: NORTHFIELD },
  { route: P.home, args: () => [N], as: 'board@northfield.example', heading: NORTHFIELD },
  { route: P.home, args: () => [N], as: 'strand-lead@northfield.example', heading: NORTHFIELD },
  { route: P.home, args: () => [N], as: 'improvement@northfield.example', heading: NORTHFIELD },
  { route: P.home, args: () => [N], as: 'partner@northfield-health.example', heading: NORTHFIELD },
  { route: P.home, args: () => [N], as: 'adviser@dfe.example', heading: NORTHFIELD },
  { route: P.home, args: () => [B], as: 'director@bradford.example', heading: BRADFORD },
  { route: P.home, args: () => [B], as: 'strand-lead@bradford.example', heading: BRADFORD },
  { route: P.home, args: () => [B], as: 'partner@partner.example', heading: BRADFORD },

  { route: P.home, args: () => [B], as: IMPROVEMENT, heading: BRADFORD },
  { route: P.plan, args: () => [B], as: IMPROVEMENT, heading: /Improvement Plan/ },
  { route: P.strand, args: (i) => [B, i.otherStrand], as: IMPROVEMENT, heading: DEMO_HEADINGS.otherStrand },
  { route: P.editStrand, args: (i) => [B, i.otherStrand], as: IMPROVEMENT, heading: 'Edit strand 5' },
  { route: P.newStrand, args: () => [B], as: IMPROVEMENT, heading: 'Add a strand' },
  { route: P.newObjective, args: (i) => [B, i.otherStrand], as: IMPROVEMENT, heading: 'Add an objective' },
  {
    route: P.objective,
    args: (i) => [B, i.otherObjective],
    as: IMPROVEMENT,
    heading: DEMO_HEADINGS.otherObjective,
  },
  { route: P.editObjective, args: (i) => [B, i.otherObjective], as: IMPROVEMENT, heading: 'Edit objective' },
  { route: P.newMilestone, args: (i) => [B, i.otherObjective], as: IMPROVEMENT, heading: 'Add a milestone' },
  { route: P.editMilestone, args: (i) => [B, i.otherMilestone], as: IMPROVEMENT, heading: 'Update milestone' },
  {
    route: P.deleteMilestone,
    args: (i) => [B, i.otherMilestone],
    as: IMPROVEMENT,
    heading: 'Are you sure you want to delete this milestone?',
  },

  {
    route: P.objectiveEvidence,
    args: (i) => [B, i.otherObjective],
    as: IMPROVEMENT,
    heading: 'Evidence of impact',
  },
  {
    route: P.withdrawEvidence,
    args: (i) => [B, i.bradfordEvidence],
    as: IMPROVEMENT,
    heading: 'Withdraw this evidence entry',
  },
  { route: P.closePlan, args: () => [B], as: IMPROVEMENT, heading: 'Close the plan' },
  { route: P.nextPlan, args: () => [B], as: IMPROVEMENT, heading: 'Start the next plan' },
  { route: P.home, args: () => [N], as: 'admin@northfield.example', heading: 'Northfield Borough Council (fictional)' },
  { route: P.plan, args: () => [N], as: 'admin@northfield.example', heading: 'Northfield Improvement Plan' },
  { route: P.closePlan, args: () => [N], as: 'admin@northfield.example', heading: 'Close the plan' },
  { route: P.nextPlan, args: () => [N], as: 'admin@northfield.example', heading: 'Start the next plan' },

  { route: P.versions, args: () => [B], as: BOARD, heading: 'Published versions of the plan' },
  { route: P.version, args: () => [B, 2], as: BOARD, heading: 'Version 2' },
  {
    route: P.compareVersions,
    args: () => [B],
    query: '?from=1&to=2',
    as: BOARD,
    heading: 'Compare versions of the plan',
  },
  {
    route: P.compareVersions,
    args: () => [B],
    query: '?from=2&to=draft',
    as: BOARD,
    heading: 'Compare versions of the plan',
  },

  { route: P.measures, args: () => [B], as: IMPROVEMENT, heading: 'Success measures' },
  { route: P.measure, args: (i) => [B, i.derivedMeasure], as: IMPROVEMENT, heading: DEMO_HEADINGS.derivedMeasure },
  { route: P.measure, args: (i) => [B, i.recordedMeasure], as: IMPROVEMENT, heading: DEMO_HEADINGS.recordedMeasure },
  { route: P.vitalSigns, args: () => [B], as: IMPROVEMENT, heading: 'Vital Signs: workforce and demand' },
  {
    route: P.vitalSigns,
    args: () => [B],
    query: '?baseline=2019-09',
    as: IMPROVEMENT,
    heading: 'Vital Signs: workforce and demand',
  },
  { route: P.newMeasure, args: () => [B], as: IMPROVEMENT, heading: 'Add a measure' },
  {
    route: P.editMeasure,
    args: (i) => [B, i.recordedMeasure],
    as: IMPROVEMENT,
    heading: `Edit ${DEMO_HEADINGS.recordedMeasure}`,
  },
  { route: P.importData, args: () => [B], as: IMPROVEMENT, heading: 'Import data' },

  { route: P.reports, args: () => [B], as: IMPROVEMENT, heading: 'Quarterly progress reports' },
  { route: P.report, args: (i) => [B, i.draftReport], as: IMPROVEMENT, heading: 'Q3 2022/23 progress report' },
  { route: P.report, args: (i) => [B, i.publishedReport], as: IMPROVEMENT, heading: 'Q2 2022/23 progress report' },
  {
    route: P.reportPrint,
    args: (i) => [B, i.publishedReport],
    as: IMPROVEMENT,
    heading: 'Q2 2022/23 progress report',
  },
  {
    route: P.compareReport,
    args: (i) => [B, i.draftReport],
    as: IMPROVEMENT,
    heading: 'Changes since the last published report',
  },
  { route: P.partnerRequests, args: () => [B], as: IMPROVEMENT, heading: 'Contributions asked of partners' },
  {
    route: P.correctReport,
    args: (i) => [B, i.publishedReport],
    as: IMPROVEMENT,
    heading: 'Correct the Q2 2022/23 progress report',
  },
  // The public edition, read by someone not signed in.
  { route: paths.publicReports, args: () => [B], heading: 'Published progress reports' },
  { route: paths.publicReport, args: (i) => [B, i.publishedReport], heading: 'Q2 2022/23 progress report' },

  { route: P.benchmarks, args: () => [B], as: ADMIN, heading: 'National benchmarks' },
  {
    route: P.benchmarkIndicator,
    args: () => [B, 'rereferrals'],
    as: ADMIN,
    heading: 'Re-referrals within 12 months',
  },
  {
    route: P.benchmarkIndicator,
    args: () => [B, 'care-leavers-suitable-17-18'],
    query: '?year=2025',
    as: ADMIN,
    heading: 'Care leavers aged 17 to 18 in suitable accommodation',
  },
  { route: P.inspections, args: () => [B], as: ADMIN, heading: 'Our Ofsted inspections' },
  { route: P.allInspections, args: () => [B], as: ADMIN, heading: 'Ofsted judgements of all councils' },
  { route: P.areaInspections, args: () => [B, '380'], as: ADMIN, heading: 'Ofsted inspections: Bradford' },
  { route: P.nationalData, args: () => [B], as: ADMIN, heading: 'National data loads' },
  { route: P.audit, args: () => [B], as: ADMIN, heading: 'Audit trail' },
  { route: P.audit, args: () => [B], query: '?entity=milestone&action=update', as: ADMIN, heading: 'Audit trail' },
  { route: P.users, args: () => [B], as: ADMIN, heading: `People with access to ${BRADFORD}` },
  { route: P.newUser, args: () => [B], as: ADMIN, heading: 'Add a person' },
  { route: P.editUser, args: (i) => [B, i.viewerUser], as: ADMIN, heading: 'Change Demo Scrutiny Councillor' },
  { route: P.sentMail, args: () => [B], as: ADMIN, heading: 'Sent mail' },
  { route: P.sentMail, args: () => [B], query: '?status=failed', as: IMPROVEMENT, heading: 'Sent mail' },
  // Each person's own mail and mail choices (outside any council).
  { route: paths.myMail, args: () => [], as: IMPROVEMENT, heading: 'Emails sent to you' },
  { route: paths.mailPreferences, args: () => [], as: IMPROVEMENT, heading: 'Choose which emails you get' },
  {
    route: P.deactivateUser,
    args: (i) => [B, i.viewerUser],
    as: ADMIN,
    heading: 'Deactivate Demo Scrutiny Councillor’s account',
  },

  // Accounts: the signed-in person's own pages, and the password pages for people not signed in (a link that
  // never existed here; a working one is opened by ACCOUNT_LINKS_TEST).
  { route: paths.account, args: () => [], as: ADMIN, heading: 'Your account' },
  { route: paths.changePassword, args: () => [], as: ADMIN, heading: 'Change your password' },
  { route: paths.forgotPassword, args: () => [], heading: 'Reset your password' },
  {
    route: paths.acceptInvitation,
    args: () => ['A'.repeat(43)],
    heading: 'This invitation link does not work',
    status: 404,
  },
  { route: paths.resetPassword, args: () => ['A'.repeat(43)], heading: 'This link does not work', status: 404 },

  // Owners who are people: contacts without an account, and assigning owners in bulk.
  { route: P.contacts, args: () => [N], as: 'improvement@northfield.example', heading: 'Contacts without an account' },
  { route: P.newContact, args: () => [B], as: IMPROVEMENT, heading: 'Add a contact' },
  {
    route: P.editContact,
    args: (i) => [N, i.northfieldContact],
    as: 'improvement@northfield.example',
    heading: /^Change /,
  },
  { route: P.owners, args: () => [B], as: IMPROVEMENT, heading: 'Assign owners' },
  {
    route: P.owners,
    args: () => [N],
    query: '?unassigned=yes',
    as: 'improvement@northfield.example',
    heading: 'Assign owners',
  },

  // A council not yet linked to the national statistics.
  { route: P.benchmarks, args: () => [N], as: 'admin@northfield.example', heading: 'National benchmarks' },
  { route: P.nationalData, args: () => [N], as: 'admin@northfield.example', heading: 'National data loads' },

  // My updates: the Northfield strand lead's list in the demo's open round and one item's form; Bradford, with
  // no round open.
  { route: P.myUpdates, args: () => [N], as: 'strand-lead@northfield.example', heading: 'My updates' },
  {
    route: P.myUpdate,
    args: (i) => [N, 'strand', i.northfieldStrand],
    as: 'strand-lead@northfield.example',
    heading: 'Commentary for strand 1',
  },
  { route: P.myUpdates, args: () => [B], as: 'strand-lead@bradford.example', heading: 'My updates' },
  // A partner's requests, answerable with no round open: the list, a request's form, and one answered.
  { route: P.myUpdates, args: () => [N], as: 'partner@northfield-health.example', heading: 'My updates' },
  {
    route: P.myUpdate,
    args: (i) => [N, 'partner-request', i.northfieldOpenRequest],
    as: 'partner@northfield-health.example',
    heading: 'Contribution from Northfield Health and Care Partnership (fictional)',
  },
  {
    route: P.myUpdate,
    args: (i) => [N, 'partner-request', i.northfieldAnsweredRequest],
    as: 'partner@northfield-health.example',
    heading: 'Contribution from Northfield Health and Care Partnership (fictional)',
  },

  // Reporting rounds: Northfield's open round (the quarter just ended) and its locked one before it.
  { route: P.rounds, args: () => [N], as: 'improvement@northfield.example', heading: 'Reporting rounds' },
  { route: P.rounds, args: () => [B], as: BOARD, heading: 'Reporting rounds' },
  { route: P.newRound, args: () => [N], as: 'improvement@northfield.example', heading: 'Open a reporting round' },
  {
    route: P.newRound,
    args: () => [N],
    query: `?quarter=${quarterOf(todayIso()).start}`,
    as: 'improvement@northfield.example',
    heading: 'Open a reporting round',
  },
  {
    route: P.round,
    args: (i) => [N, i.northfieldLockedRound],
    as: 'improvement@northfield.example',
    heading: /^Q[1-4] \d{4}\/\d{2} reporting round$/,
  },
  {
    route: P.unlockRound,
    args: (i) => [N, i.northfieldLockedRound],
    as: 'improvement@northfield.example',
    heading: /^Reopen Q[1-4] \d{4}\/\d{2}$/,
  },

  // Intervention and scrutiny, as the improvement team sees it (with every button), and Northfield's overview
  // with a review due soon.
  { route: P.oversight, args: () => [B], as: IMPROVEMENT, heading: 'Oversight' },
  { route: P.oversight, args: () => [N], as: 'improvement@northfield.example', heading: 'Oversight' },
  { route: P.oversight, args: () => [B], as: BOARD, heading: 'Oversight' },
  {
    route: P.intervention,
    args: (i) => [B, i.bradfordNotice],
    as: IMPROVEMENT,
    heading: /Improvement Notice/,
  },
  { route: P.newIntervention, args: () => [B], as: IMPROVEMENT, heading: 'Record a Notice or Direction' },
  { route: P.editIntervention, args: (i) => [B, i.bradfordNotice], as: IMPROVEMENT, heading: /^Change / },
  { route: P.newRequirement, args: (i) => [B, i.bradfordNotice], as: IMPROVEMENT, heading: 'Add a requirement' },
  { route: P.requirement, args: (i) => [B, i.bradfordRequirement], as: IMPROVEMENT, heading: /^Paragraph 3: / },
  { route: P.editRequirement, args: (i) => [B, i.bradfordRequirement], as: IMPROVEMENT, heading: 'Change paragraph 3' },
  { route: P.oversightEvents, args: () => [B], as: IMPROVEMENT, heading: 'Inspections, visits and reviews' },
  { route: P.newOversightEvent, args: () => [B], as: IMPROVEMENT, heading: 'Record an inspection, visit or review' },
  { route: P.oversightEvent, args: (i) => [B, i.bradfordEvent], as: IMPROVEMENT, heading: /\w/ },
  { route: P.editOversightEvent, args: (i) => [B, i.bradfordEvent], as: IMPROVEMENT, heading: /^Change / },
  {
    route: P.newFinding,
    args: (i) => [B, i.bradfordEvent],
    as: IMPROVEMENT,
    heading: 'Add a finding or recommendation',
  },
  { route: P.finding, args: (i) => [B, i.bradfordFinding], as: IMPROVEMENT, heading: /^(Finding|Recommendation)/ },
  { route: P.editFinding, args: (i) => [B, i.bradfordFinding], as: IMPROVEMENT, heading: /^Change this / },
  { route: P.board, args: () => [B], as: IMPROVEMENT, heading: 'Children’s Services Improvement Board' },
  { route: P.editBoard, args: () => [B], as: IMPROVEMENT, heading: 'Change the Board’s details' },
  { route: P.newBoardMember, args: () => [B], as: IMPROVEMENT, heading: 'Add a Board member' },
  {
    route: P.editBoardMember,
    args: (i) => [B, i.bradfordBoardMember],
    as: IMPROVEMENT,
    heading: 'Change Independent chair',
  },
  { route: P.meetingAttendance, args: (i) => [B, i.bradfordMeeting], as: IMPROVEMENT, heading: 'Attendance' },
  { route: P.meetingAgenda, args: (i) => [B, i.bradfordMeeting], as: IMPROVEMENT, heading: 'Agenda and papers' },
  { route: P.newBoardAction, args: (i) => [B, i.bradfordMeeting], as: IMPROVEMENT, heading: 'Add an action' },
  { route: P.boardActions, args: () => [B], query: '?state=all', as: IMPROVEMENT, heading: 'Board action log' },
  { route: P.editBoardAction, args: (i) => [B, i.bradfordBoardAction], as: IMPROVEMENT, heading: 'Change this action' },
  {
    route: P.editBoardAction,
    args: (i) => [N, i.northfieldBoardAction],
    as: 'improvement@northfield.example',
    heading: 'Change this action',
  },
  {
    route: P.boardMeeting,
    args: (i) => [N, i.northfieldPlannedMeeting],
    as: 'improvement@northfield.example',
    heading: /^Improvement Board, /,
  },
  { route: P.risks, args: () => [B], as: IMPROVEMENT, heading: 'Risks and issues' },
  { route: P.risks, args: () => [N], as: 'board@northfield.example', heading: 'Risks and issues' },
  { route: P.risk, args: (i) => [B, i.bradfordRisk], as: IMPROVEMENT, heading: /^R1: / },
  { route: P.newRisk, args: () => [B], as: IMPROVEMENT, heading: 'Add a risk or issue' },
  { route: P.editRisk, args: (i) => [B, i.bradfordRisk], as: IMPROVEMENT, heading: /^Change R1: / },
  { route: P.assessRisk, args: (i) => [B, i.bradfordRisk], as: IMPROVEMENT, heading: /^Re-assess R1: / },
  {
    route: P.assessRisk,
    args: (i) => [N, i.northfieldRisk],
    as: 'improvement@northfield.example',
    heading: /^Re-assess NR1/,
  },
  { route: P.closeRisk, args: (i) => [B, i.bradfordRisk], as: IMPROVEMENT, heading: /^Close R1: / },
  { route: P.resources, args: () => [B], as: IMPROVEMENT, heading: 'Improvement resources' },
  { route: P.resourceQuarter, args: () => [B, '2022-10-01'], as: IMPROVEMENT, heading: 'Resources for Q3 2022/23' },
  { route: P.partners, args: () => [B], as: IMPROVEMENT, heading: 'Partner organisations' },
  { route: P.newPartner, args: () => [B], as: IMPROVEMENT, heading: 'Add a partner organisation' },
  {
    route: P.partner,
    args: (i) => [B, i.bradfordPartnerOrganisation],
    as: IMPROVEMENT,
    heading: 'District health partnership',
  },
  {
    route: P.newPartnerPerson,
    args: (i) => [B, i.bradfordPartnerOrganisation],
    as: IMPROVEMENT,
    heading: 'Add a person',
  },
  { route: P.contributions, args: () => [N], as: 'partner@northfield-health.example', heading: 'Requests to answer' },
  {
    route: P.contribution,
    args: (i) => [N, i.northfieldOpenRequest],
    as: 'partner@northfield-health.example',
    heading: /^Initial health assessments/,
  },
  {
    route: P.contribution,
    args: (i) => [B, i.bradfordContribution],
    as: 'partner@partner.example',
    heading: /^Health /,
  },
  { route: paths.service, args: () => [], as: SERVICE, heading: 'Service administration' },
  { route: paths.serviceNationalData, args: () => [], as: SERVICE, heading: 'National data' },
  { route: paths.councilInvitations, args: () => [], as: ADMIN, heading: 'Invitations to join a council' },
  { route: paths.oversightAccess, args: () => [], as: SERVICE, heading: 'Oversight access' },
  { route: paths.serviceAudit, args: () => [], as: SERVICE, heading: 'Service audit trail' },
  { route: paths.grantOversightAccess, args: () => [], as: SERVICE, heading: 'Grant oversight access' },
  {
    route: paths.editOversightAccess,
    args: (i) => [i.adviserBradfordMembership],
    as: SERVICE,
    heading: 'Change Demo DfE Adviser’s post',
  },
  {
    route: paths.withdrawOversightAccess,
    args: (i) => [i.adviserBradfordMembership],
    as: SERVICE,
    heading: /^Withdraw Demo DfE Adviser’s access/,
  },
  { route: P.councilOversightAccess, args: () => [B], as: BOARD, heading: /^Who holds oversight access/ },
  { route: P.boardMeetings, args: () => [B], as: IMPROVEMENT, heading: 'Improvement Board meetings' },
  { route: P.newBoardMeeting, args: () => [B], as: IMPROVEMENT, heading: 'Record a Board meeting' },
  { route: P.boardMeeting, args: (i) => [B, i.bradfordMeeting], as: IMPROVEMENT, heading: /^Improvement Board, / },
  { route: P.editBoardMeeting, args: (i) => [B, i.bradfordMeeting], as: IMPROVEMENT, heading: 'Change this meeting' },
  { route: P.timeline, args: () => [B], as: IMPROVEMENT, heading: 'Timeline' },
  { route: P.selfAssessments, args: () => [N], as: 'improvement@northfield.example', heading: 'Self-assessments' },
  {
    route: P.newSelfAssessment,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Start a self-assessment',
  },
  {
    route: P.selfAssessment,
    args: (i) => [N, i.northfieldSelfAssessment],
    as: 'improvement@northfield.example',
    heading: /^Self-assessment/,
  },
  {
    route: P.selfAssessment,
    args: (i) => [N, i.northfieldSelfAssessment],
    as: 'board@northfield.example',
    heading: /^Self-assessment/,
  },
  {
    route: P.submitSelfAssessment,
    args: (i) => [N, i.northfieldSelfAssessment],
    as: 'improvement@northfield.example',
    heading: 'Submit the self-assessment',
  },
  {
    route: P.selfAssessmentPrint,
    args: (i) => [N, i.northfieldSelfAssessment],
    as: 'improvement@northfield.example',
    heading: /^Self-assessment/,
  },

  // The overview for a viewer, and the 403 and 404 pages.
  { route: P.home, args: () => [B], as: 'councillor@bradford.example', heading: BRADFORD },
  {
    route: P.plan,
    args: () => [B],
    as: 'councillor@bradford.example',
    heading: 'You do not have permission to do this',
    status: 403,
  },
  { route: P.home, args: () => [N], as: 'councillor@bradford.example', heading: 'Page not found', status: 404 },
  { route: P.practice, args: () => [N], as: 'improvement@northfield.example', heading: 'Evidence from practice' },
  { route: P.staffSurveys, args: () => [N], as: 'improvement@northfield.example', heading: 'Staff surveys' },
  {
    route: P.newStaffSurveyRound,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Add a survey round',
  },
  {
    route: P.staffSurveyRound,
    args: (i) => [N, i.northfieldSurveyRound],
    as: 'improvement@northfield.example',
    heading: /^Survey round closed on/,
  },
  {
    route: P.editStaffSurveyRound,
    args: (i) => [N, i.northfieldSurveyRound],
    as: 'improvement@northfield.example',
    heading: 'Change the survey round',
  },
  {
    route: P.staffSurveyResult,
    args: (i) => [N, i.northfieldSurveyRound],
    as: 'improvement@northfield.example',
    heading: 'Enter a question’s results',
  },
  {
    route: P.importStaffSurvey,
    args: (i) => [N, i.northfieldSurveyRound],
    as: 'improvement@northfield.example',
    heading: 'Import results',
  },
  {
    route: P.staffSurveyImport,
    args: (i) => [N, i.northfieldSurveyImport],
    as: 'improvement@northfield.example',
    heading: 'Check your import',
  },
  {
    route: P.staffSurveyQuestion,
    args: (i) => [N, i.northfieldSurveyQuestion],
    as: 'improvement@northfield.example',
    heading: 'I have regular supervision that helps me reflect on my work with children',
  },
  {
    route: P.staffSurveyQuestionObjectives,
    args: (i) => [N, i.northfieldSurveyQuestion],
    as: 'improvement@northfield.example',
    heading: 'Link objectives',
  },
  {
    route: P.staffReferenceNotes,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Staff reference group',
  },
  {
    route: P.newStaffReferenceNote,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Add a reference group note',
  },
  {
    route: P.editStaffReferenceNote,
    args: (i) => [N, i.northfieldReferenceNote],
    as: 'improvement@northfield.example',
    heading: 'Change the note',
  },
  {
    route: P.childrenVoice,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Children and young people’s voice',
  },
  {
    route: P.voiceFeedback,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'What children and young people told us',
  },
  {
    route: P.voiceFeedback,
    args: () => [N],
    query: '?tone=negative&period=6',
    as: 'board@northfield.example',
    heading: 'What children and young people told us',
  },
  {
    route: P.newVoiceFeedback,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Record feedback from children and young people',
  },
  {
    route: P.editVoiceFeedback,
    args: (i) => [N, i.northfieldVoiceFeedback],
    as: 'improvement@northfield.example',
    heading: 'Change a feedback item',
  },
  { route: P.voiceThemes, args: () => [N], as: 'improvement@northfield.example', heading: 'What you told us' },
  { route: P.newVoiceTheme, args: () => [N], as: 'improvement@northfield.example', heading: 'Add a theme' },
  {
    route: P.voiceTheme,
    args: (i) => [N, i.northfieldVoiceTheme],
    as: 'improvement@northfield.example',
    heading: 'Knowing my social worker',
  },
  {
    route: P.editVoiceTheme,
    args: (i) => [N, i.northfieldVoiceTheme],
    as: 'improvement@northfield.example',
    heading: 'Change the theme Knowing my social worker',
  },
  {
    route: P.voiceThemeObjectives,
    args: (i) => [N, i.northfieldVoiceTheme],
    as: 'improvement@northfield.example',
    heading: 'Link objectives to Knowing my social worker',
  },
  {
    route: P.newVoiceAction,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Add a “you said, we did” action',
  },
  {
    route: P.editVoiceAction,
    args: (i) => [N, i.northfieldVoiceAction],
    as: 'improvement@northfield.example',
    heading: 'Change a “you said, we did” action',
  },
  {
    route: P.importAuditedCases,
    args: (i) => [N, i.northfieldAuditRound],
    as: 'improvement@northfield.example',
    heading: /^Import cases into Monthly audit, /,
  },
  { route: P.caseAudits, args: () => [N], as: 'improvement@northfield.example', heading: 'Case-file audits' },
  { route: P.caseAudits, args: () => [N], as: 'board@northfield.example', heading: 'Case-file audits' },
  { route: P.newCaseAuditRound, args: () => [N], as: 'improvement@northfield.example', heading: 'Add an audit round' },
  {
    route: P.caseAuditRound,
    args: (i) => [N, i.northfieldAuditRound],
    as: 'improvement@northfield.example',
    heading: /^Monthly audit, /,
  },
  {
    route: P.caseAuditRound,
    args: (i) => [B, i.bradfordAuditRound],
    as: IMPROVEMENT,
    heading: 'Illustrative audit round',
  },
  {
    route: P.closeCaseAuditRound,
    args: (i) => [B, i.bradfordAuditRound],
    as: IMPROVEMENT,
    heading: 'Close Illustrative audit round as moderated',
  },
  {
    route: P.newAuditedCase,
    args: (i) => [N, i.northfieldAuditRound],
    as: 'improvement@northfield.example',
    heading: 'Add an audited case',
  },
  {
    route: P.editAuditedCase,
    args: (i) => [N, i.northfieldAuditedCase],
    as: 'improvement@northfield.example',
    heading: /^Change case NF-/,
  },
  { route: P.practiceStandards, args: () => [N], as: 'improvement@northfield.example', heading: 'Practice standards' },
  { route: P.practiceStandards, args: () => [N], as: 'board@northfield.example', heading: 'Practice standards' },
  {
    route: P.practiceStandard,
    args: (i) => [N, i.northfieldPracticeStandard],
    as: 'improvement@northfield.example',
    heading: 'Visits to children in care',
  },
  {
    route: P.practiceStandard,
    args: (i) => [B, i.bradfordPracticeStandard],
    as: BOARD,
    heading: 'Visits to children looked after',
  },
  {
    route: P.newPracticeStandard,
    args: () => [N],
    as: 'improvement@northfield.example',
    heading: 'Add a practice standard',
  },
  {
    route: P.editPracticeStandard,
    args: (i) => [N, i.northfieldPracticeStandard],
    as: 'improvement@northfield.example',
    heading: 'Change Visits to children in care',
  },
  {
    route: P.newPracticeStandardMonth,
    args: (i) => [N, i.northfieldPracticeStandard],
    as: 'improvement@northfield.example',
    heading: 'Record a month: Visits to children in care',
  },
  {
    route: P.practiceStandardMonth,
    args: (i) => [B, i.bradfordPracticeStandard, '2022-01'],
    as: IMPROVEMENT,
    heading: 'Visits to children looked after: January 2022',
  },
  { route: P.leadership, args: () => [B], as: IMPROVEMENT, heading: 'Leadership stability' },
  {
    route: P.leadership,
    args: () => [B],
    query: '?on-day=31&on-month=12&on-year=2021',
    as: BOARD,
    heading: 'Leadership stability',
  },
  { route: P.leadership, args: () => [N], as: 'board@northfield.example', heading: 'Leadership stability' },
  { route: P.newLeadershipPost, args: () => [B], as: IMPROVEMENT, heading: 'Add a senior post' },
  {
    route: P.editLeadershipPost,
    args: (i) => [B, i.bradfordLeadershipPost],
    as: IMPROVEMENT,
    heading: 'Change Director of Children’s Services',
  },
  {
    route: P.leadershipPostChanges,
    args: (i) => [B, i.bradfordLeadershipPost],
    as: IMPROVEMENT,
    heading: 'Director of Children’s Services',
  },
  {
    route: P.leadershipPostChanges,
    args: (i) => [N, i.northfieldLeadershipPost],
    as: 'board@northfield.example',
    heading: 'Director of Children’s Services',
  },
  {
    route: P.leadershipObjectives,
    args: () => [B],
    as: IMPROVEMENT,
    heading: 'Link objectives to leadership stability',
  },
]

/** The accessibility test that shows a page reached only by doing something (uploading a file). */
export const IMPORT_PREVIEW_TEST = 'an import preview with problems, and one ready to confirm'

/** The browser test that walks a report through approval to its public edition (test/e2e/board-paper-journey.test.ts). */
export const ROUNDS_JOURNEY_TEST =
  'opens a round, the strand lead completes their updates, returns rise, the rest are reminded, the round locks'
export const BOARD_PAPER_TEST =
  'takes the Q3 report through approval and publication, corrects it and publishes it for the public'

/** The browser test through the Notice, a visit's findings, a self-assessment and the timeline (test/e2e/oversight-journey.test.ts). */
export const OVERSIGHT_JOURNEY_TEST =
  'reads the Notice’s compliance view, closes a visit’s finding with evidence, submits a self-assessment, reads the timeline'

/** The accessibility test that follows an invitation link and a password reset link, with errors. */
export const BOARD_JOURNEY_TEST =
  'a Board action closed and read in the report with the decisions, risks and resources; a partner answers; the service administrator changes the adviser’s post'
/** The browser test through every source of evidence from practice (test/e2e/practice-journey.test.ts). */
export const PRACTICE_JOURNEY_TEST =
  'reads each source of evidence from practice, links leadership stability to an objective, and finds them all in the report'
export const ACCOUNT_LINKS_TEST = 'choosing a password from an invitation and from a reset link, with errors'

/** The accessibility test that queues a message and opens it from the Sent mail page. */
export const SENT_MAIL_TEST = 'a message on the Sent mail page, and the page with a filter it does not know'

/** Pages checked by an interaction test (named) rather than opened from the list above. */
export const PAGES_CHECKED_BY_INTERACTION: Array<{ route: AnyRoute; test: string }> = [
  { route: P.importBatch, test: IMPORT_PREVIEW_TEST },
  { route: P.sentMailMessage, test: SENT_MAIL_TEST },
  { route: P.publishReport, test: BOARD_PAPER_TEST },
  { route: P.editRound, test: ROUNDS_JOURNEY_TEST },
]

/** govuk-frontend's own stylesheet and script, served from node_modules. */
export const GOVUK_FRONTEND_FILES = [paths.govukStylesheet, paths.govukScript] as const

/** GET routes that answer with something other than an HTML page, so have no accessibility check. */
export const NOT_PAGES: Array<{ route: { readonly pattern: string }; reason: string }> = [
  { route: P.planCsv, reason: 'a CSV download of the plan' },
  { route: P.measuresCsv, reason: 'a CSV download of every measure' },
  { route: P.measureCsv, reason: 'a CSV download of one measure' },
  { route: P.vitalSignsCsv, reason: 'a CSV download of the Vital Signs' },
  { route: P.importTemplate, reason: 'a CSV or XLSX template to fill in and import' },
  { route: P.evidenceAttachment, reason: 'an evidence entry’s attached file, sent as it was uploaded' },
  { route: paths.publicReportPdf, reason: 'a PDF of a report’s public edition (test/e2e/board-paper-journey.test.ts)' },
  { route: P.reportExport, reason: 'a PDF, Word or Excel download of a report (test/e2e/exports.test.ts)' },
  {
    route: P.selfAssessmentExport,
    reason: 'a Word or PDF download of a self-assessment (src/oversight/self-assessments.db.test.ts)',
  },
  { route: P.benchmarksCsv, reason: 'a CSV download of the national benchmarks' },
  { route: P.benchmarkIndicatorCsv, reason: 'a CSV download of one national indicator in one year' },
  { route: P.inspectionsCsv, reason: 'a CSV download of the council’s Ofsted inspections' },
  { route: P.allInspectionsCsv, reason: 'a CSV download of every council’s latest judgements' },
  { route: P.timeToImproveCsv, reason: 'a CSV download of the time-to-improve estimate' },
  { route: P.improvementJourneysCsv, reason: 'a CSV download of each council’s journey out of inadequate' },
  { route: P.areaInspectionsCsv, reason: 'a CSV download of one council’s Ofsted inspections' },
  { route: P.roundReturnsCsv, reason: 'a CSV download of a reporting round’s returns' },
  { route: P.complianceCsv, reason: 'a CSV download of a Notice’s compliance view' },
  { route: P.findingsCsv, reason: 'a CSV download of every finding and recommendation' },
  { route: P.timelineCsv, reason: 'a CSV download of the timeline' },
  { route: P.boardActionsCsv, reason: 'a CSV download of the Board’s action log' },
  { route: P.risksCsv, reason: 'a CSV download of the risk and issue register' },
  {
    route: P.partnerRequestAttachment,
    reason: 'the file a partner attached to an answer, sent as it was uploaded (src/partners/partners.db.test.ts)',
  },
  { route: paths.ping, reason: 'JSON for monitoring' },
  { route: paths.health, reason: 'JSON for monitoring' },
  { route: paths.info, reason: 'JSON for monitoring' },
  ...GOVUK_FRONTEND_FILES.map((route) => ({ route, reason: 'a static govuk-frontend file' })),
  { route: P.staffSurveyTemplate, reason: 'a CSV template for a staff survey round’s results' },
  { route: P.voiceFeedbackCsv, reason: 'a CSV download of children’s feedback items' },
  { route: P.caseAuditRoundCsv, reason: 'a CSV download of a case-file audit round’s cases' },
  { route: P.practiceStandardsCsv, reason: 'a CSV download of every practice standard’s monthly compliance' },
  { route: P.practiceStandardCsv, reason: 'a CSV download of a practice standard’s monthly compliance' },
  { route: P.leadershipCsv, reason: 'a CSV download of the senior posts’ history' },
]
