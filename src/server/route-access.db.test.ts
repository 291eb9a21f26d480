// Every council route, requested by every demo role: who gets the page, who is refused (403), and who is
// told it does not exist (404: another council's data, never confirmed to exist). Each case names its route
// from src/web/paths.ts, and a test walks the app's router to check that no route is left out.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import express from 'express'
import { jsonb, type DatabaseHandle } from '../db/connect.js'
import { DEMO_ACCOUNTS } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn, type Agent } from '../test-support/http.js'
import { demoIds, organisationIdOf } from '../test-support/demo-ids.js'
import {
  coverageProblems,
  fullPattern,
  link,
  registeredRoutes,
  type CoverageLists,
  type Covered,
  type Method,
} from '../test-support/route-walk.js'
import { paths } from '../web/paths.js'
import type { Role } from '../db/database.js'
import {
  ACCESSIBILITY_PAGES,
  GOVUK_FRONTEND_FILES,
  NOT_PAGES,
  PAGES_CHECKED_BY_INTERACTION,
} from '../../test/e2e/accessibility-pages.js'

const P = paths.council
const B = 'bradford'
type Ids = Awaited<ReturnType<typeof demoIds>> & {
  ownEvidence: number
  northfieldMeasure: number
  northfieldBatch: number
  bradfordBatch: number
  bradfordPartnerRequest: number
  bradfordMessage: number
  northfieldMessage: number
  bradfordContact: number
  northfieldContact: number
  bradfordRound: number
  bradfordLockedRound: number
  northfieldRound: number
  bradfordSelfAssessment: number
}

const ALL: Role[] = [
  'admin',
  'improvement-team',
  'strand-lead',
  'leader',
  'board-member',
  'adviser',
  'partner',
  'viewer',
]
const DRAFT_READERS: Role[] = ['admin', 'improvement-team', 'strand-lead', 'leader', 'board-member', 'adviser']
const EDITORS: Role[] = ['admin', 'improvement-team']
const OWN_STRAND_EDITORS: Role[] = [...EDITORS, 'strand-lead']
const PUBLISHED_ONLY: Role[] = ['partner', 'viewer']

type CouncilRoutes = Omit<typeof paths.council, 'root'>
/** A council route's arguments after the council: `[strandId]` for P.strand. */
type ArgsAfterCouncil<R> = R extends (council: string | number, ...rest: infer A) => string ? A : never
/** A council route with a function giving its arguments from the demo ids (none for a route without any). */
type RouteWithArgs = {
  [K in keyof CouncilRoutes]: ArgsAfterCouncil<CouncilRoutes[K]> extends []
    ? { route: CouncilRoutes[K]; args?: undefined }
    : { route: CouncilRoutes[K]; args: (ids: Ids) => ArgsAfterCouncil<CouncilRoutes[K]> }
}[keyof CouncilRoutes]

type RouteCase = RouteWithArgs & {
  name: string
  /** Added to the link, e.g. `?from=1&to=2`. */
  query?: string
  /** Roles that get past the role check (200 for GET, 400 for POST unless `allowedStatus` says)... */
  allowed: Role[]
  /** ...except these, who are told it does not exist (404): e.g. drafts, for those who see published work only. */
  hidden?: Role[]
  /** What an allowed role gets, where it is not 200 (GET) or 400 (POST). */
  allowedStatus?: number
}

/** The link a case requests, in Bradford unless it names another council. */
function urlOf(c: RouteWithArgs & { query?: string }, ids: Ids, council = B): string {
  return link(c.route, [council, ...(c.args?.(ids) ?? [])]) + (c.query ?? '')
}

const GET_ROUTES: RouteCase[] = [
  { name: 'overview', route: P.home, allowed: ALL },
  { name: 'council oversight access', route: P.councilOversightAccess, allowed: DRAFT_READERS },
  { name: 'plan', route: P.plan, allowed: DRAFT_READERS },
  { name: 'plan CSV', route: P.planCsv, allowed: DRAFT_READERS },
  { name: 'new strand form', route: P.newStrand, allowed: EDITORS },
  { name: 'strand', route: P.strand, args: (i) => [i.ownStrand], allowed: DRAFT_READERS },
  { name: 'edit strand', route: P.editStrand, args: (i) => [i.ownStrand], allowed: EDITORS },
  {
    name: 'new objective in own strand',
    route: P.newObjective,
    args: (i) => [i.ownStrand],
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'new objective in other strand', route: P.newObjective, args: (i) => [i.otherStrand], allowed: EDITORS },
  { name: 'objective', route: P.objective, args: (i) => [i.ownObjective], allowed: DRAFT_READERS },
  { name: 'edit own objective', route: P.editObjective, args: (i) => [i.ownObjective], allowed: OWN_STRAND_EDITORS },
  { name: 'edit other objective', route: P.editObjective, args: (i) => [i.otherObjective], allowed: EDITORS },
  {
    name: 'new milestone, own strand',
    route: P.newMilestone,
    args: (i) => [i.ownObjective],
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'edit own milestone', route: P.editMilestone, args: (i) => [i.ownMilestone], allowed: OWN_STRAND_EDITORS },
  { name: 'edit other milestone', route: P.editMilestone, args: (i) => [i.otherMilestone], allowed: EDITORS },
  {
    name: 'delete own milestone form',
    route: P.deleteMilestone,
    args: (i) => [i.ownMilestone],
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'close the plan form', route: P.closePlan, allowed: EDITORS },
  { name: 'start the next plan form', route: P.nextPlan, allowed: EDITORS },
  {
    name: 'evidence of an objective',
    route: P.objectiveEvidence,
    args: (i) => [i.ownObjective],
    allowed: DRAFT_READERS,
  },
  { name: 'evidence attachment', route: P.evidenceAttachment, args: (i) => [i.ownEvidence], allowed: DRAFT_READERS },
  {
    name: 'withdraw own strand evidence form',
    route: P.withdrawEvidence,
    args: (i) => [i.ownEvidence],
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'withdraw other strand evidence form',
    route: P.withdrawEvidence,
    args: (i) => [i.bradfordEvidence],
    allowed: EDITORS,
  },
  { name: 'versions', route: P.versions, allowed: ALL },
  { name: 'version 1', route: P.version, args: () => [1], allowed: ALL },
  { name: 'compare', route: P.compareVersions, query: '?from=1&to=2', allowed: ALL },
  { name: 'measures', route: P.measures, allowed: DRAFT_READERS },
  { name: 'measures CSV', route: P.measuresCsv, allowed: DRAFT_READERS },
  { name: 'measure', route: P.measure, args: (i) => [i.derivedMeasure], allowed: DRAFT_READERS },
  { name: 'measure CSV', route: P.measureCsv, args: (i) => [i.recordedMeasure], allowed: DRAFT_READERS },
  { name: 'new measure form', route: P.newMeasure, allowed: EDITORS },
  { name: 'edit measure', route: P.editMeasure, args: (i) => [i.recordedMeasure], allowed: EDITORS },
  { name: 'Vital Signs', route: P.vitalSigns, allowed: DRAFT_READERS },
  { name: 'Vital Signs CSV', route: P.vitalSignsCsv, allowed: DRAFT_READERS },
  { name: 'import page', route: P.importData, allowed: EDITORS },
  { name: 'import template', route: P.importTemplate, args: () => ['values', 'csv'], allowed: EDITORS },
  { name: 'a checked import', route: P.importBatch, args: (i) => [i.bradfordBatch], allowed: EDITORS },
  { name: 'reports', route: P.reports, allowed: ALL },
  { name: 'published report', route: P.report, args: (i) => [i.publishedReport], allowed: ALL },
  { name: 'published report, printable', route: P.reportPrint, args: (i) => [i.publishedReport], allowed: ALL },
  {
    name: 'published report, Excel data annex',
    route: P.reportExport,
    args: (i) => [i.publishedReport, 'xlsx'],
    allowed: ALL,
  },
  {
    name: 'draft report',
    route: P.report,
    args: (i) => [i.draftReport],
    allowed: DRAFT_READERS,
    hidden: PUBLISHED_ONLY,
  },
  {
    name: 'draft report, Excel data annex',
    route: P.reportExport,
    args: (i) => [i.draftReport, 'xlsx'],
    allowed: DRAFT_READERS,
    hidden: PUBLISHED_ONLY,
  },
  {
    name: 'draft compared with the last published',
    route: P.compareReport,
    args: (i) => [i.draftReport],
    allowed: DRAFT_READERS,
    hidden: PUBLISHED_ONLY,
  },
  // The confirmation page is for an approved report: the published one is past the role check, then refused.
  {
    name: 'publish confirmation',
    route: P.publishReport,
    args: (i) => [i.publishedReport],
    allowed: EDITORS,
    allowedStatus: 400,
  },
  {
    name: 'correct a published report form',
    route: P.correctReport,
    args: (i) => [i.publishedReport],
    allowed: EDITORS,
  },
  { name: 'partner requests', route: P.partnerRequests, allowed: DRAFT_READERS },
  { name: 'national benchmarks', route: P.benchmarks, allowed: ALL },
  { name: 'national benchmarks CSV', route: P.benchmarksCsv, allowed: ALL },
  { name: 'a national indicator', route: P.benchmarkIndicator, args: () => ['rereferrals'], allowed: ALL },
  { name: 'a national indicator CSV', route: P.benchmarkIndicatorCsv, args: () => ['rereferrals'], allowed: ALL },
  { name: 'our Ofsted inspections', route: P.inspections, allowed: ALL },
  { name: 'our Ofsted inspections CSV', route: P.inspectionsCsv, allowed: ALL },
  { name: 'Ofsted judgements of all councils', route: P.allInspections, allowed: ALL },
  { name: 'latest judgements of all councils CSV', route: P.allInspectionsCsv, allowed: ALL },
  { name: 'time to improve CSV', route: P.timeToImproveCsv, allowed: ALL },
  { name: 'journeys out of inadequate CSV', route: P.improvementJourneysCsv, allowed: ALL },
  { name: 'one council’s inspections CSV', route: P.areaInspectionsCsv, args: () => ['380'], allowed: ALL },
  { name: 'Ofsted inspections of one council', route: P.areaInspections, args: () => ['380'], allowed: ALL },
  { name: 'national data loads (read-only)', route: P.nationalData, allowed: ['admin'] },
  { name: 'audit trail', route: P.audit, allowed: EDITORS },
  { name: 'users', route: P.users, allowed: ['admin'] },
  { name: 'new user form', route: P.newUser, allowed: ['admin'] },
  { name: 'edit user', route: P.editUser, args: (i) => [i.viewerUser], allowed: ['admin'] },
  { name: 'contacts', route: P.contacts, allowed: DRAFT_READERS },
  { name: 'new contact form', route: P.newContact, allowed: EDITORS },
  { name: 'edit contact', route: P.editContact, args: (i) => [i.bradfordContact], allowed: EDITORS },
  { name: 'assign owners', route: P.owners, allowed: EDITORS },
  { name: 'deactivate user form', route: P.deactivateUser, args: (i) => [i.viewerUser], allowed: ['admin'] },
  { name: 'sent mail', route: P.sentMail, allowed: EDITORS },
  // Reporting rounds: the returns for every reader of the draft plan; opening, changing and locking for the team.
  { name: 'reporting rounds', route: P.rounds, allowed: DRAFT_READERS },
  { name: 'open a round form', route: P.newRound, allowed: EDITORS },
  { name: 'a reporting round', route: P.round, args: (i) => [i.bradfordRound], allowed: DRAFT_READERS },
  { name: 'a round’s returns CSV', route: P.roundReturnsCsv, args: (i) => [i.bradfordRound], allowed: DRAFT_READERS },
  { name: 'change a round’s dates form', route: P.editRound, args: (i) => [i.bradfordRound], allowed: EDITORS },
  { name: 'reopen a round form', route: P.unlockRound, args: (i) => [i.bradfordLockedRound], allowed: EDITORS },
  { name: 'a sent message', route: P.sentMailMessage, args: (i) => [i.bradfordMessage], allowed: EDITORS },
  // My updates: everyone's own list; an item's form only for its owner (a partner request also for the team).
  { name: 'my updates', route: P.myUpdates, allowed: ALL },
  {
    name: 'my update, own strand commentary',
    route: P.myUpdate,
    args: (i) => ['strand', i.ownStrand],
    allowed: ['strand-lead'],
  },
  {
    name: 'my update, a partner request',
    route: P.myUpdate,
    args: (i) => ['partner-request', i.bradfordPartnerRequest],
    allowed: EDITORS,
  },
  // Intervention and scrutiny: read by everyone who reads the draft plan; recorded and changed by the team.
  { name: 'oversight overview', route: P.oversight, allowed: DRAFT_READERS },
  {
    name: 'the Notice’s compliance view',
    route: P.intervention,
    args: (i) => [i.bradfordNotice],
    allowed: DRAFT_READERS,
  },
  { name: 'compliance view CSV', route: P.complianceCsv, args: (i) => [i.bradfordNotice], allowed: DRAFT_READERS },
  { name: 'new Notice form', route: P.newIntervention, allowed: EDITORS },
  { name: 'change a Notice form', route: P.editIntervention, args: (i) => [i.bradfordNotice], allowed: EDITORS },
  { name: 'new requirement form', route: P.newRequirement, args: (i) => [i.bradfordNotice], allowed: EDITORS },
  { name: 'a requirement', route: P.requirement, args: (i) => [i.bradfordRequirement], allowed: DRAFT_READERS },
  {
    name: 'change a requirement form',
    route: P.editRequirement,
    args: (i) => [i.bradfordRequirement],
    allowed: EDITORS,
  },
  { name: 'inspections, visits and reviews', route: P.oversightEvents, allowed: DRAFT_READERS },
  { name: 'record a visit form', route: P.newOversightEvent, allowed: EDITORS },
  { name: 'a visit', route: P.oversightEvent, args: (i) => [i.bradfordEvent], allowed: DRAFT_READERS },
  { name: 'change a visit form', route: P.editOversightEvent, args: (i) => [i.bradfordEvent], allowed: EDITORS },
  { name: 'new finding form', route: P.newFinding, args: (i) => [i.bradfordEvent], allowed: EDITORS },
  { name: 'findings CSV', route: P.findingsCsv, allowed: DRAFT_READERS },
  { name: 'a finding', route: P.finding, args: (i) => [i.bradfordFinding], allowed: DRAFT_READERS },
  { name: 'change a finding form', route: P.editFinding, args: (i) => [i.bradfordFinding], allowed: EDITORS },
  { name: 'the Board', route: P.board, allowed: DRAFT_READERS },
  { name: 'set up or change the Board form', route: P.editBoard, allowed: EDITORS },
  { name: 'add a Board member form', route: P.newBoardMember, allowed: EDITORS },
  {
    name: 'change a Board member form',
    route: P.editBoardMember,
    args: (i) => [i.bradfordBoardMember],
    allowed: EDITORS,
  },
  {
    name: 'a meeting’s attendance form',
    route: P.meetingAttendance,
    args: (i) => [i.bradfordMeeting],
    allowed: EDITORS,
  },
  { name: 'a meeting’s agenda form', route: P.meetingAgenda, args: (i) => [i.bradfordMeeting], allowed: EDITORS },
  { name: 'add a Board action form', route: P.newBoardAction, args: (i) => [i.bradfordMeeting], allowed: EDITORS },
  { name: 'Board action log', route: P.boardActions, allowed: DRAFT_READERS },
  { name: 'Board action log CSV', route: P.boardActionsCsv, allowed: DRAFT_READERS },
  {
    name: 'change a Board action form',
    route: P.editBoardAction,
    args: (i) => [i.bradfordBoardAction],
    allowed: EDITORS,
  },
  { name: 'risks and issues', route: P.risks, allowed: DRAFT_READERS },
  { name: 'risks CSV', route: P.risksCsv, allowed: DRAFT_READERS },
  { name: 'add a risk form', route: P.newRisk, allowed: EDITORS },
  { name: 'a risk', route: P.risk, args: (i) => [i.bradfordRisk], allowed: DRAFT_READERS },
  { name: 'change a risk form', route: P.editRisk, args: (i) => [i.bradfordRisk], allowed: EDITORS },
  { name: 're-assess a risk form', route: P.assessRisk, args: (i) => [i.bradfordRisk], allowed: EDITORS },
  { name: 'close a risk form', route: P.closeRisk, args: (i) => [i.bradfordRisk], allowed: EDITORS },
  { name: 'improvement resources', route: P.resources, allowed: DRAFT_READERS },
  { name: 'a quarter’s resources form', route: P.resourceQuarter, args: () => ['2022-10-01'], allowed: EDITORS },
  { name: 'partner organisations', route: P.partners, allowed: DRAFT_READERS },
  { name: 'add a partner organisation form', route: P.newPartner, allowed: EDITORS },
  {
    name: 'a partner organisation',
    route: P.partner,
    args: (i) => [i.bradfordPartnerOrganisation],
    allowed: DRAFT_READERS,
  },
  {
    name: 'add a person to a partner form',
    route: P.newPartnerPerson,
    args: (i) => [i.bradfordPartnerOrganisation],
    allowed: EDITORS,
  },
  // A partner's own pages: the partner role only.
  { name: 'a partner’s requests', route: P.contributions, allowed: ['partner'] },
  {
    name: 'a request to the partner’s organisation',
    route: P.contribution,
    args: (i) => [i.bradfordContribution],
    allowed: ['partner'],
  },
  // Another organisation's request at the same council: never confirmed to the partner.
  {
    name: 'a request to another partner organisation',
    route: P.contribution,
    args: (i) => [i.bradfordPoliceRequest],
    allowed: [],
    hidden: ['partner'],
  },
  {
    name: 'the file attached to an answer',
    route: P.partnerRequestAttachment,
    args: (i) => [i.bradfordContribution],
    allowed: [...DRAFT_READERS, 'partner'],
  },
  { name: 'Board meetings', route: P.boardMeetings, allowed: DRAFT_READERS },
  { name: 'record a Board meeting form', route: P.newBoardMeeting, allowed: EDITORS },
  { name: 'a Board meeting', route: P.boardMeeting, args: (i) => [i.bradfordMeeting], allowed: DRAFT_READERS },
  {
    name: 'change a Board meeting form',
    route: P.editBoardMeeting,
    args: (i) => [i.bradfordMeeting],
    allowed: EDITORS,
  },
  { name: 'self-assessments', route: P.selfAssessments, allowed: DRAFT_READERS },
  { name: 'start a self-assessment form', route: P.newSelfAssessment, allowed: EDITORS },
  {
    name: 'a self-assessment',
    route: P.selfAssessment,
    args: (i) => [i.bradfordSelfAssessment],
    allowed: DRAFT_READERS,
  },
  {
    name: 'a self-assessment, printable',
    route: P.selfAssessmentPrint,
    args: (i) => [i.bradfordSelfAssessment],
    allowed: DRAFT_READERS,
  },
  {
    name: 'a self-assessment in Word',
    route: P.selfAssessmentExport,
    args: (i) => [i.bradfordSelfAssessment, 'docx'],
    allowed: DRAFT_READERS,
  },
  {
    name: 'submit a self-assessment confirmation',
    route: P.submitSelfAssessment,
    args: (i) => [i.bradfordSelfAssessment],
    allowed: EDITORS,
  },
  { name: 'timeline', route: P.timeline, allowed: DRAFT_READERS },
  { name: 'timeline CSV', route: P.timelineCsv, allowed: DRAFT_READERS },
  { name: 'evidence from practice', route: P.practice, allowed: DRAFT_READERS },
  { name: 'staff surveys', route: P.staffSurveys, allowed: DRAFT_READERS },
  { name: 'new staff survey round form', route: P.newStaffSurveyRound, allowed: EDITORS },
  {
    name: 'a staff survey round',
    route: P.staffSurveyRound,
    args: (i) => [i.bradfordSurveyRound],
    allowed: DRAFT_READERS,
  },
  {
    name: 'change a staff survey round form',
    route: P.editStaffSurveyRound,
    args: (i) => [i.bradfordSurveyRound],
    allowed: EDITORS,
  },
  {
    name: 'a staff survey question results form',
    route: P.staffSurveyResult,
    args: (i) => [i.bradfordSurveyRound],
    allowed: EDITORS,
  },
  {
    name: 'import staff survey results form',
    route: P.importStaffSurvey,
    args: (i) => [i.bradfordSurveyRound],
    allowed: EDITORS,
  },
  { name: 'staff survey results template CSV', route: P.staffSurveyTemplate, allowed: EDITORS },
  {
    name: 'a staff survey import',
    route: P.staffSurveyImport,
    args: (i) => [i.bradfordSurveyImport],
    allowed: EDITORS,
  },
  {
    name: 'a staff survey question',
    route: P.staffSurveyQuestion,
    args: (i) => [i.bradfordSurveyQuestion],
    allowed: DRAFT_READERS,
  },
  {
    name: 'link a staff survey question to objectives form',
    route: P.staffSurveyQuestionObjectives,
    args: (i) => [i.bradfordSurveyQuestion],
    allowed: EDITORS,
  },
  { name: 'staff reference group notes', route: P.staffReferenceNotes, allowed: DRAFT_READERS },
  { name: 'new staff reference group note form', route: P.newStaffReferenceNote, allowed: EDITORS },
  {
    name: 'change a staff reference group note form',
    route: P.editStaffReferenceNote,
    args: (i) => [i.bradfordReferenceNote],
    allowed: EDITORS,
  },
  { name: 'children voice overview', route: P.childrenVoice, allowed: DRAFT_READERS },
  { name: 'children voice feedback list', route: P.voiceFeedback, allowed: DRAFT_READERS },
  { name: 'children voice feedback CSV', route: P.voiceFeedbackCsv, allowed: DRAFT_READERS },
  { name: 'children voice new feedback form', route: P.newVoiceFeedback, allowed: EDITORS },
  {
    name: 'children voice edit feedback form',
    route: P.editVoiceFeedback,
    args: (i) => [i.bradfordVoiceFeedback],
    allowed: EDITORS,
  },
  { name: 'children voice themes for children', route: P.voiceThemes, allowed: DRAFT_READERS },
  { name: 'children voice new theme form', route: P.newVoiceTheme, allowed: EDITORS },
  {
    name: 'children voice theme page',
    route: P.voiceTheme,
    args: (i) => [i.bradfordVoiceTheme],
    allowed: DRAFT_READERS,
  },
  {
    name: 'children voice edit theme form',
    route: P.editVoiceTheme,
    args: (i) => [i.bradfordVoiceTheme],
    allowed: EDITORS,
  },
  {
    name: 'children voice theme objectives form',
    route: P.voiceThemeObjectives,
    args: (i) => [i.bradfordVoiceTheme],
    allowed: EDITORS,
  },
  { name: 'children voice new action form', route: P.newVoiceAction, allowed: EDITORS },
  {
    name: 'children voice edit action form',
    route: P.editVoiceAction,
    args: (i) => [i.bradfordVoiceAction],
    allowed: EDITORS,
  },
  {
    name: 'import audited cases form',
    route: P.importAuditedCases,
    args: (i) => [i.bradfordAuditRound],
    allowed: EDITORS,
  },
  { name: 'case-file audits', route: P.caseAudits, allowed: DRAFT_READERS },
  { name: 'new case-file audit round form', route: P.newCaseAuditRound, allowed: EDITORS },
  {
    name: 'a case-file audit round',
    route: P.caseAuditRound,
    args: (i) => [i.bradfordAuditRound],
    allowed: DRAFT_READERS,
  },
  {
    name: 'a case-file audit round CSV',
    route: P.caseAuditRoundCsv,
    args: (i) => [i.bradfordAuditRound],
    allowed: DRAFT_READERS,
  },
  {
    name: 'close a case-file audit round form',
    route: P.closeCaseAuditRound,
    args: (i) => [i.bradfordAuditRound],
    allowed: EDITORS,
  },
  { name: 'new audited case form', route: P.newAuditedCase, args: (i) => [i.bradfordAuditRound], allowed: EDITORS },
  {
    name: 'change an audited case form',
    route: P.editAuditedCase,
    args: (i) => [i.bradfordAuditedCase],
    allowed: EDITORS,
  },
  { name: 'practice standards', route: P.practiceStandards, allowed: DRAFT_READERS },
  { name: 'practice standards CSV', route: P.practiceStandardsCsv, allowed: DRAFT_READERS },
  { name: 'add a practice standard form', route: P.newPracticeStandard, allowed: EDITORS },
  {
    name: 'a practice standard',
    route: P.practiceStandard,
    args: (i) => [i.bradfordPracticeStandard],
    allowed: DRAFT_READERS,
  },
  {
    name: 'a practice standard’s compliance CSV',
    route: P.practiceStandardCsv,
    args: (i) => [i.bradfordPracticeStandard],
    allowed: DRAFT_READERS,
  },
  {
    name: 'change a practice standard form',
    route: P.editPracticeStandard,
    args: (i) => [i.bradfordPracticeStandard],
    allowed: EDITORS,
  },
  {
    name: 'record a practice standard month form',
    route: P.newPracticeStandardMonth,
    args: (i) => [i.bradfordPracticeStandard],
    allowed: EDITORS,
  },
  {
    name: 'a practice standard month form',
    route: P.practiceStandardMonth,
    args: (i) => [i.bradfordPracticeStandard, '2022-01'],
    allowed: EDITORS,
  },
  { name: 'leadership stability', route: P.leadership, allowed: DRAFT_READERS },
  {
    name: 'leadership stability on a day',
    route: P.leadership,
    query: '?on-day=1&on-month=1&on-year=2021',
    allowed: DRAFT_READERS,
  },
  { name: 'leadership history CSV', route: P.leadershipCsv, allowed: DRAFT_READERS },
  { name: 'add a senior post form', route: P.newLeadershipPost, allowed: EDITORS },
  {
    name: 'change a senior post form',
    route: P.editLeadershipPost,
    args: (i) => [i.bradfordLeadershipPost],
    allowed: EDITORS,
  },
  {
    name: 'a senior post’s history',
    route: P.leadershipPostChanges,
    args: (i) => [i.bradfordLeadershipPost],
    allowed: DRAFT_READERS,
  },
  { name: 'link objectives to leadership form', route: P.leadershipObjectives, allowed: EDITORS },
]

/** Bradford URLs that point at Northfield's records: 404 for everyone, editors included. */
const CROSS_COUNCIL: Array<RouteWithArgs & { name: string; council?: string }> = [
  { name: 'Northfield overview', route: P.home, council: 'northfield' },
  { name: 'Northfield plan', route: P.plan, council: 'northfield' },
  { name: 'Northfield strand via Bradford', route: P.strand, args: (i) => [i.northfieldStrand] },
  { name: 'Northfield objective via Bradford', route: P.objective, args: (i) => [i.northfieldObjective] },
  { name: 'Northfield milestone via Bradford', route: P.editMilestone, args: (i) => [i.northfieldMilestone] },
  { name: 'Northfield evidence via Bradford', route: P.objectiveEvidence, args: (i) => [i.northfieldObjective] },
  { name: 'Northfield attachment via Bradford', route: P.evidenceAttachment, args: (i) => [i.northfieldEvidence] },
  { name: 'Northfield withdrawal via Bradford', route: P.withdrawEvidence, args: (i) => [i.northfieldEvidence] },
  { name: 'Northfield user via Bradford', route: P.editUser, args: (i) => [i.northfieldAdmin] },
  { name: 'Northfield user deactivation via Bradford', route: P.deactivateUser, args: (i) => [i.northfieldAdmin] },
  { name: 'Northfield measure via Bradford', route: P.measure, args: (i) => [i.northfieldMeasure] },
  { name: 'Northfield measure CSV via Bradford', route: P.measureCsv, args: (i) => [i.northfieldMeasure] },
  { name: 'Northfield import via Bradford', route: P.importBatch, args: (i) => [i.northfieldBatch] },
  { name: 'Northfield contact via Bradford', route: P.editContact, args: (i) => [i.northfieldContact] },
  { name: 'Northfield message via Bradford', route: P.sentMailMessage, args: (i) => [i.northfieldMessage] },
  { name: 'Northfield round via Bradford', route: P.round, args: (i) => [i.northfieldRound] },
  { name: 'Northfield round CSV via Bradford', route: P.roundReturnsCsv, args: (i) => [i.northfieldRound] },
  { name: 'Northfield round reopening via Bradford', route: P.unlockRound, args: (i) => [i.northfieldRound] },
  { name: 'Northfield strand via Bradford my updates', route: P.myUpdate, args: (i) => ['strand', i.northfieldStrand] },
  { name: 'Northfield Notice via Bradford', route: P.intervention, args: (i) => [i.northfieldNotice] },
  { name: 'Northfield compliance CSV via Bradford', route: P.complianceCsv, args: (i) => [i.northfieldNotice] },
  { name: 'Northfield requirement via Bradford', route: P.requirement, args: (i) => [i.northfieldRequirement] },
  { name: 'Northfield visit via Bradford', route: P.oversightEvent, args: (i) => [i.northfieldEvent] },
  { name: 'Northfield finding via Bradford', route: P.finding, args: (i) => [i.northfieldFinding] },
  { name: 'Northfield finding form via Bradford', route: P.editFinding, args: (i) => [i.northfieldFinding] },
  { name: 'Northfield Board meeting via Bradford', route: P.boardMeeting, args: (i) => [i.northfieldMeeting] },
  { name: 'Northfield Board member via Bradford', route: P.editBoardMember, args: (i) => [i.northfieldBoardMember] },
  { name: 'Northfield attendance via Bradford', route: P.meetingAttendance, args: (i) => [i.northfieldMeeting] },
  { name: 'Northfield agenda via Bradford', route: P.meetingAgenda, args: (i) => [i.northfieldMeeting] },
  { name: 'Northfield new action via Bradford', route: P.newBoardAction, args: (i) => [i.northfieldMeeting] },
  { name: 'Northfield Board action via Bradford', route: P.editBoardAction, args: (i) => [i.northfieldBoardAction] },
  { name: 'Northfield risk via Bradford', route: P.risk, args: (i) => [i.northfieldRisk] },
  { name: 'Northfield risk form via Bradford', route: P.editRisk, args: (i) => [i.northfieldRisk] },
  { name: 'Northfield risk closure via Bradford', route: P.closeRisk, args: (i) => [i.northfieldRisk] },
  { name: 'Northfield partner via Bradford', route: P.partner, args: (i) => [i.northfieldPartnerOrganisation] },
  {
    name: 'Northfield partner person form via Bradford',
    route: P.newPartnerPerson,
    args: (i) => [i.northfieldPartnerOrganisation],
  },
  {
    name: 'Northfield request via Bradford contributions',
    route: P.contribution,
    args: (i) => [i.northfieldOpenRequest],
  },
  {
    name: 'Northfield attachment via Bradford',
    route: P.partnerRequestAttachment,
    args: (i) => [i.northfieldAnsweredRequest],
  },
  {
    name: 'Northfield self-assessment via Bradford',
    route: P.selfAssessment,
    args: (i) => [i.northfieldSelfAssessment],
  },
  {
    name: 'Northfield self-assessment in Word via Bradford',
    route: P.selfAssessmentExport,
    args: (i) => [i.northfieldSelfAssessment, 'docx'],
  },
  { name: 'a council that does not exist', route: P.home, council: 'nowhere' },
  { name: 'a malformed id', route: P.strand, args: () => ['1abc'] },
  {
    name: 'Northfield staff survey round via Bradford',
    route: P.staffSurveyRound,
    args: (i) => [i.northfieldSurveyRound],
  },
  {
    name: 'Northfield staff survey round form via Bradford',
    route: P.editStaffSurveyRound,
    args: (i) => [i.northfieldSurveyRound],
  },
  {
    name: 'Northfield staff survey results form via Bradford',
    route: P.staffSurveyResult,
    args: (i) => [i.northfieldSurveyRound],
  },
  {
    name: 'Northfield staff survey import form via Bradford',
    route: P.importStaffSurvey,
    args: (i) => [i.northfieldSurveyRound],
  },
  {
    name: 'Northfield staff survey import via Bradford',
    route: P.staffSurveyImport,
    args: (i) => [i.northfieldSurveyImport],
  },
  {
    name: 'Northfield staff survey question via Bradford',
    route: P.staffSurveyQuestion,
    args: (i) => [i.northfieldSurveyQuestion],
  },
  {
    name: 'Northfield staff survey question objectives via Bradford',
    route: P.staffSurveyQuestionObjectives,
    args: (i) => [i.northfieldSurveyQuestion],
  },
  {
    name: 'Northfield staff reference group note via Bradford',
    route: P.editStaffReferenceNote,
    args: (i) => [i.northfieldReferenceNote],
  },
  { name: 'Northfield children voice theme via Bradford', route: P.voiceTheme, args: (i) => [i.northfieldVoiceTheme] },
  {
    name: 'Northfield children voice theme form via Bradford',
    route: P.editVoiceTheme,
    args: (i) => [i.northfieldVoiceTheme],
  },
  {
    name: 'Northfield children voice theme objectives via Bradford',
    route: P.voiceThemeObjectives,
    args: (i) => [i.northfieldVoiceTheme],
  },
  {
    name: 'Northfield children voice feedback via Bradford',
    route: P.editVoiceFeedback,
    args: (i) => [i.northfieldVoiceFeedback],
  },
  {
    name: 'Northfield children voice action via Bradford',
    route: P.editVoiceAction,
    args: (i) => [i.northfieldVoiceAction],
  },
  {
    name: 'Northfield audited case import via Bradford',
    route: P.importAuditedCases,
    args: (i) => [i.northfieldAuditRound],
  },
  {
    name: 'Northfield case-file audit round via Bradford',
    route: P.caseAuditRound,
    args: (i) => [i.northfieldAuditRound],
  },
  {
    name: 'Northfield case-file audit CSV via Bradford',
    route: P.caseAuditRoundCsv,
    args: (i) => [i.northfieldAuditRound],
  },
  {
    name: 'Northfield case-file audit closing via Bradford',
    route: P.closeCaseAuditRound,
    args: (i) => [i.northfieldAuditRound],
  },
  {
    name: 'Northfield new audited case via Bradford',
    route: P.newAuditedCase,
    args: (i) => [i.northfieldAuditRound],
  },
  {
    name: 'Northfield audited case via Bradford',
    route: P.editAuditedCase,
    args: (i) => [i.northfieldAuditedCase],
  },
  {
    name: 'Northfield practice standard via Bradford',
    route: P.practiceStandard,
    args: (i) => [i.northfieldPracticeStandard],
  },
  {
    name: 'Northfield practice standard CSV via Bradford',
    route: P.practiceStandardCsv,
    args: (i) => [i.northfieldPracticeStandard],
  },
  {
    name: 'Northfield practice standard form via Bradford',
    route: P.editPracticeStandard,
    args: (i) => [i.northfieldPracticeStandard],
  },
  {
    name: 'Northfield practice standard month via Bradford',
    route: P.practiceStandardMonth,
    args: (i) => [i.northfieldPracticeStandard, '2022-01'],
  },
  {
    name: 'a practice standard month that is not a month',
    route: P.practiceStandardMonth,
    args: (i) => [i.bradfordPracticeStandard, '2022-13'],
  },
  {
    name: 'Northfield senior post via Bradford',
    route: P.leadershipPostChanges,
    args: (i) => [i.northfieldLeadershipPost],
  },
  {
    name: 'Northfield senior post form via Bradford',
    route: P.editLeadershipPost,
    args: (i) => [i.northfieldLeadershipPost],
  },
]

/**
 * POST routes, each sent by every role with a body that fails validation: a permitted role gets past the
 * role check (400, or `allowedStatus` where there is nothing to validate); every other role gets 403.
 */
const POST_ROUTES: Array<RouteCase & { body: Record<string, string> }> = [
  { name: 'create strand', route: P.newStrand, body: {}, allowed: EDITORS },
  { name: 'edit strand', route: P.editStrand, args: (i) => [i.ownStrand], body: {}, allowed: EDITORS },
  {
    name: 'retire strand',
    route: P.strandStatus,
    args: (i) => [i.ownStrand],
    body: { status: 'gone' },
    allowed: EDITORS,
  },
  {
    name: 'move strand',
    route: P.moveStrand,
    args: (i) => [i.otherStrand],
    body: { direction: 'sideways' },
    allowed: EDITORS,
  },
  {
    name: 'create objective, own strand',
    route: P.newObjective,
    args: (i) => [i.ownStrand],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'create objective, other strand',
    route: P.newObjective,
    args: (i) => [i.otherStrand],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'edit own objective',
    route: P.editObjective,
    args: (i) => [i.ownObjective],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'edit other objective',
    route: P.editObjective,
    args: (i) => [i.otherObjective],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'retire own objective',
    route: P.objectiveStatus,
    args: (i) => [i.ownObjective],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'move other objective',
    route: P.moveObjective,
    args: (i) => [i.otherObjective],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'add update, own strand',
    route: P.objectiveUpdates,
    args: (i) => [i.ownObjective],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'add update, other strand',
    route: P.objectiveUpdates,
    args: (i) => [i.otherObjective],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'create milestone, own strand',
    route: P.newMilestone,
    args: (i) => [i.ownObjective],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'create milestone, other strand',
    route: P.newMilestone,
    args: (i) => [i.otherObjective],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'edit own milestone',
    route: P.editMilestone,
    args: (i) => [i.ownMilestone],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'edit other milestone',
    route: P.editMilestone,
    args: (i) => [i.otherMilestone],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'move own milestone',
    route: P.moveMilestone,
    args: (i) => [i.ownMilestone],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'withdraw own strand evidence',
    route: P.withdrawEvidence,
    args: (i) => [i.ownEvidence],
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'close the plan', route: P.closePlan, body: {}, allowed: EDITORS },
  { name: 'start the next plan', route: P.nextPlan, body: {}, allowed: EDITORS },
  { name: 'publish', route: P.publishVersion, body: { notes: 'x'.repeat(3000) }, allowed: EDITORS },
  { name: 'create measure', route: P.newMeasure, body: {}, allowed: EDITORS },
  { name: 'start a report', route: P.reports, body: { quarter: '1999-01-01' }, allowed: EDITORS },
  {
    name: 'report text',
    route: P.reportNarrative,
    args: (i) => [i.draftReport],
    body: { summary: 'x'.repeat(10001) },
    allowed: EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  {
    name: 'report override',
    route: P.reportOverride,
    args: (i) => [i.draftReport],
    body: {},
    allowed: EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  {
    name: 'own strand commentary',
    route: P.reportCommentary,
    args: (i) => [i.draftReport, i.ownStrand],
    body: { commentary: 'x'.repeat(7000) },
    allowed: OWN_STRAND_EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  // A published report cannot change: 400 for those who may publish, and nothing is published again.
  {
    name: 'publish a report already published',
    route: P.publishReport,
    args: (i) => [i.publishedReport],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'report cover',
    route: P.reportCover,
    args: (i) => [i.draftReport],
    body: {},
    allowed: EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  // Each step on a report not at the step's start: past the role check, then refused with 400.
  {
    name: 'submit a published report',
    route: P.submitReport,
    args: (i) => [i.publishedReport],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'approve a report not submitted',
    route: P.approveReport,
    args: (i) => [i.publishedReport],
    body: {},
    allowed: ['leader'],
  },
  {
    name: 'return a report not with the approver',
    route: P.returnReport,
    args: (i) => [i.publishedReport],
    body: {},
    allowed: [...EDITORS, 'leader'],
  },
  {
    name: 'correct without a reason',
    route: P.correctReport,
    args: (i) => [i.publishedReport],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'public edition of a draft',
    route: P.reportPublicEdition,
    args: (i) => [i.draftReport],
    body: {},
    allowed: EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  { name: 'partner request', route: P.partnerRequests, body: {}, allowed: EDITORS },
  {
    name: 'mark a partner request received',
    route: P.partnerRequestReceived,
    args: (i) => [i.bradfordPartnerRequest],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  { name: 'edit measure', route: P.editMeasure, args: (i) => [i.recordedMeasure], body: {}, allowed: EDITORS },
  { name: 'add value', route: P.measureValues, args: (i) => [i.recordedMeasure], body: {}, allowed: EDITORS },
  { name: 'set target', route: P.measureTargets, args: (i) => [i.recordedMeasure], body: {}, allowed: EDITORS },
  {
    name: 'add benchmark',
    route: P.measureBenchmarks,
    args: (i) => [i.recordedMeasure],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'rebaseline',
    route: P.measureRebaselines,
    args: (i) => [i.recordedMeasure],
    body: {},
    allowed: EDITORS,
  },
  // Past the role check an editor is told this recalculation does not exist; the rest are refused first.
  {
    name: 'remove a recalculation that does not exist',
    route: P.deleteRebaseline,
    args: (i) => [i.recordedMeasure, 999999999],
    body: {},
    allowed: EDITORS,
    allowedStatus: 404,
  },
  // The import was cancelled before the test: confirming or cancelling it again changes nothing.
  {
    name: 'cancel a checked import',
    route: P.discardImport,
    args: (i) => [i.bradfordBatch],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  {
    name: 'confirm a cancelled import',
    route: P.confirmImport,
    args: (i) => [i.bradfordBatch],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  { name: 'add user', route: P.newUser, body: {}, allowed: ['admin'] },
  { name: 'edit user', route: P.editUser, args: (i) => [i.viewerUser], body: {}, allowed: ['admin'] },
  { name: 'add contact', route: P.newContact, body: {}, allowed: EDITORS },
  { name: 'edit contact', route: P.editContact, args: (i) => [i.bradfordContact], body: {}, allowed: EDITORS },
  { name: 'assign owners', route: P.owners, body: {}, allowed: EDITORS },
  // The viewer has chosen a password already: a new invitation is refused (400) past the role check.
  { name: 'invite user again', route: P.inviteUser, args: (i) => [i.viewerUser], body: {}, allowed: ['admin'] },
  { name: 'deactivate user', route: P.deactivateUser, args: (i) => [i.viewerUser], body: {}, allowed: ['admin'] },
  // Rounds: no quarter chosen is refused (400); the Bradford Q2 round is locked, so changing its dates, locking
  // it and chasing its returns are refused past the role check (400), and reopening it needs a reason (400).
  { name: 'open a round', route: P.newRound, body: {}, allowed: EDITORS },
  {
    name: 'change a locked round’s dates',
    route: P.editRound,
    args: (i) => [i.bradfordLockedRound],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'lock a locked round',
    route: P.lockRound,
    args: (i) => [i.bradfordLockedRound],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'reopen without a reason',
    route: P.unlockRound,
    args: (i) => [i.bradfordLockedRound],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'remind those outstanding in a locked round',
    route: P.remindOutstanding,
    args: (i) => [i.bradfordLockedRound],
    body: {},
    allowed: EDITORS,
  },
  // Past the owner check, an empty form is refused (400) (the Bradford Q3 2022/23 round below is open).
  {
    name: 'my update, own strand commentary',
    route: P.myUpdate,
    args: (i) => ['strand', i.ownStrand],
    body: {},
    allowed: ['strand-lead'],
  },
  {
    name: 'my update, a partner request',
    route: P.myUpdate,
    args: (i) => ['partner-request', i.bradfordPartnerRequest],
    body: {},
    allowed: EDITORS,
  },
  // Intervention and scrutiny: an empty form is refused past the role check (400); reopening what is open
  // changes nothing (302 back to its page).
  { name: 'record a Notice', route: P.newIntervention, body: {}, allowed: EDITORS },
  { name: 'change a Notice', route: P.editIntervention, args: (i) => [i.bradfordNotice], body: {}, allowed: EDITORS },
  { name: 'add a requirement', route: P.newRequirement, args: (i) => [i.bradfordNotice], body: {}, allowed: EDITORS },
  {
    name: 'change a requirement',
    route: P.editRequirement,
    args: (i) => [i.bradfordRequirement],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'link a requirement',
    route: P.requirementLinks,
    args: (i) => [i.bradfordRequirement],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'mark a requirement met',
    route: P.closeRequirement,
    args: (i) => [i.bradfordRequirement],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'reopen an open requirement',
    route: P.reopenRequirement,
    args: (i) => [i.bradfordRequirement],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  { name: 'record a visit', route: P.newOversightEvent, body: {}, allowed: EDITORS },
  { name: 'change a visit', route: P.editOversightEvent, args: (i) => [i.bradfordEvent], body: {}, allowed: EDITORS },
  { name: 'add a finding', route: P.newFinding, args: (i) => [i.bradfordEvent], body: {}, allowed: EDITORS },
  { name: 'change a finding', route: P.editFinding, args: (i) => [i.bradfordFinding], body: {}, allowed: EDITORS },
  { name: 'link a finding', route: P.findingLinks, args: (i) => [i.bradfordFinding], body: {}, allowed: EDITORS },
  { name: 'close a finding', route: P.closeFinding, args: (i) => [i.bradfordFinding], body: {}, allowed: EDITORS },
  {
    name: 'reopen an open finding',
    route: P.reopenFinding,
    args: (i) => [i.bradfordFinding],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  { name: 'start a self-assessment', route: P.newSelfAssessment, body: { title: 'x'.repeat(300) }, allowed: EDITORS },
  {
    name: 'a self-assessment’s narrative',
    route: P.selfAssessmentNarrative,
    args: (i) => [i.bradfordSelfAssessment],
    body: { overview: 'x'.repeat(6000) },
    allowed: EDITORS,
  },
  { name: 'set up or change the Board', route: P.editBoard, body: {}, allowed: EDITORS },
  { name: 'add a Board member', route: P.newBoardMember, body: {}, allowed: EDITORS },
  {
    name: 'change a Board member',
    route: P.editBoardMember,
    args: (i) => [i.bradfordBoardMember],
    body: {},
    allowed: EDITORS,
  },
  // An empty attendance form is valid (nothing recorded), so it saves.
  {
    name: 'record attendance',
    route: P.meetingAttendance,
    args: (i) => [i.bradfordMeeting],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  {
    name: 'change an agenda',
    route: P.meetingAgenda,
    args: (i) => [i.bradfordMeeting],
    body: { 'item-1-paperUrl': 'http://not-https.example' },
    allowed: EDITORS,
  },
  { name: 'add a Board action', route: P.newBoardAction, args: (i) => [i.bradfordMeeting], body: {}, allowed: EDITORS },
  {
    name: 'change, close or reopen a Board action',
    route: P.editBoardAction,
    args: (i) => [i.bradfordBoardAction],
    body: {},
    allowed: EDITORS,
  },
  { name: 'add a risk', route: P.newRisk, body: {}, allowed: EDITORS },
  { name: 'change a risk', route: P.editRisk, args: (i) => [i.bradfordRisk], body: {}, allowed: EDITORS },
  { name: 're-assess a risk', route: P.assessRisk, args: (i) => [i.bradfordRisk], body: {}, allowed: EDITORS },
  { name: 'close a risk', route: P.closeRisk, args: (i) => [i.bradfordRisk], body: {}, allowed: EDITORS },
  {
    name: 'save a quarter’s resources',
    route: P.resourceQuarter,
    args: () => ['2022-10-01'],
    body: {},
    allowed: EDITORS,
  },
  { name: 'add a partner organisation', route: P.newPartner, body: {}, allowed: EDITORS },
  {
    name: 'add a person to a partner',
    route: P.newPartnerPerson,
    args: (i) => [i.bradfordPartnerOrganisation],
    body: {},
    allowed: EDITORS,
  },
  // The demo's answer is from 2023 and can no longer change: 400 for the partner, past the role check.
  {
    name: 'answer a request',
    route: P.contribution,
    args: (i) => [i.bradfordContribution],
    body: {},
    allowed: ['partner'],
  },
  { name: 'record a Board meeting', route: P.newBoardMeeting, body: {}, allowed: EDITORS },
  {
    name: 'change a Board meeting',
    route: P.editBoardMeeting,
    args: (i) => [i.bradfordMeeting],
    body: {},
    allowed: EDITORS,
  },
  { name: 'add a staff survey round', route: P.newStaffSurveyRound, body: {}, allowed: EDITORS },
  {
    name: 'change a staff survey round',
    route: P.editStaffSurveyRound,
    args: (i) => [i.bradfordSurveyRound],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'save a staff survey question results',
    route: P.staffSurveyResult,
    args: (i) => [i.bradfordSurveyRound],
    body: {},
    allowed: EDITORS,
  },
  // Sent without a file: 400 for editors, past the role check.
  {
    name: 'upload staff survey results',
    route: P.importStaffSurvey,
    args: (i) => [i.bradfordSurveyRound],
    body: {},
    allowed: EDITORS,
  },
  // The demo's import was applied already: confirming or cancelling it again changes nothing.
  {
    name: 'confirm an applied staff survey import',
    route: P.confirmStaffSurveyImport,
    args: (i) => [i.bradfordSurveyImport],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  {
    name: 'cancel an applied staff survey import',
    route: P.discardStaffSurveyImport,
    args: (i) => [i.bradfordSurveyImport],
    body: {},
    allowed: EDITORS,
    allowedStatus: 302,
  },
  {
    name: 'link a staff survey question to objectives',
    route: P.staffSurveyQuestionObjectives,
    args: (i) => [i.bradfordSurveyQuestion],
    body: { objectiveIds: 'none' },
    allowed: EDITORS,
  },
  { name: 'add a staff reference group note', route: P.newStaffReferenceNote, body: {}, allowed: EDITORS },
  {
    name: 'change a staff reference group note',
    route: P.editStaffReferenceNote,
    args: (i) => [i.bradfordReferenceNote],
    body: {},
    allowed: EDITORS,
  },
  { name: 'children voice record feedback', route: P.newVoiceFeedback, body: {}, allowed: EDITORS },
  {
    name: 'children voice change feedback',
    route: P.editVoiceFeedback,
    args: (i) => [i.bradfordVoiceFeedback],
    body: {},
    allowed: EDITORS,
  },
  { name: 'children voice add theme', route: P.newVoiceTheme, body: {}, allowed: EDITORS },
  {
    name: 'children voice change theme',
    route: P.editVoiceTheme,
    args: (i) => [i.bradfordVoiceTheme],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'children voice link objectives',
    route: P.voiceThemeObjectives,
    args: (i) => [i.bradfordVoiceTheme],
    body: { objectiveIds: '999999999' },
    allowed: EDITORS,
  },
  { name: 'children voice add action', route: P.newVoiceAction, body: {}, allowed: EDITORS },
  {
    name: 'children voice change action',
    route: P.editVoiceAction,
    args: (i) => [i.bradfordVoiceAction],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'import audited cases',
    route: P.importAuditedCases,
    args: (i) => [i.bradfordAuditRound],
    body: {},
    allowed: EDITORS,
  },
  { name: 'add a case-file audit round', route: P.newCaseAuditRound, body: {}, allowed: EDITORS },
  {
    name: 'add an audited case',
    route: P.newAuditedCase,
    args: (i) => [i.bradfordAuditRound],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'change an audited case',
    route: P.editAuditedCase,
    args: (i) => [i.bradfordAuditedCase],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'close a case-file audit round',
    route: P.closeCaseAuditRound,
    args: (i) => [i.bradfordAuditRound],
    body: {},
    allowed: EDITORS,
  },
  { name: 'add a practice standard', route: P.newPracticeStandard, body: {}, allowed: EDITORS },
  {
    name: 'change a practice standard',
    route: P.editPracticeStandard,
    args: (i) => [i.bradfordPracticeStandard],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'record a practice standard month',
    route: P.newPracticeStandardMonth,
    args: (i) => [i.bradfordPracticeStandard],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'change a practice standard month',
    route: P.practiceStandardMonth,
    args: (i) => [i.bradfordPracticeStandard, '2022-01'],
    body: { caseload: '1', due: '2', seenLocal: '0' },
    allowed: EDITORS,
  },
  { name: 'add a senior post', route: P.newLeadershipPost, body: {}, allowed: EDITORS },
  {
    name: 'change a senior post',
    route: P.editLeadershipPost,
    args: (i) => [i.bradfordLeadershipPost],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'record a change of holder',
    route: P.leadershipPostChanges,
    args: (i) => [i.bradfordLeadershipPost],
    body: {},
    allowed: EDITORS,
  },
  {
    name: 'link objectives to leadership',
    route: P.leadershipObjectives,
    body: { objectives: 'abc' },
    allowed: EDITORS,
  },
]

const DELETE_MILESTONE_TEST =
  'POST delete milestone: 403 for those who may not edit it, then deleted by its strand lead'
const EVIDENCE_UPLOAD_TEST =
  'POST evidence with an attachment: past the role check (400 without a summary) for its strand’s editors, 403 for the rest'
const REMOVE_LINK_TEST = 'POST remove a link: 403 for those who may not edit oversight, then removed by an editor'
const SUBMIT_SELF_ASSESSMENT_TEST =
  'POST submit a self-assessment: 403 for those who may not edit oversight, then frozen by an editor and not again'
const UPLOAD_TEST = 'POST an upload: past the role check (400 without a file) for editors, 403 for the rest'
const NATIONAL_DATA_TEST =
  'load a national release, reload the shipped files or link a council: 403 for every council role, administrators too (the service administrator does it)'

/** Council routes whose access is tested by a test of their own (a file upload, a deletion), named here. */
const SEPARATELY_TESTED: Array<Covered & { test: string }> = [
  { method: 'POST', route: P.deleteMilestone, test: DELETE_MILESTONE_TEST },
  { method: 'POST', route: P.deleteOversightLink, test: REMOVE_LINK_TEST },
  { method: 'POST', route: P.submitSelfAssessment, test: SUBMIT_SELF_ASSESSMENT_TEST },
  { method: 'POST', route: P.importData, test: UPLOAD_TEST },
  { method: 'POST', route: P.objectiveEvidence, test: EVIDENCE_UPLOAD_TEST },
]

/** Routes outside the council router, and the tests that cover them. */
const TOP_LEVEL_ROUTES: Array<Covered & { coveredBy: string }> = [
  {
    method: 'GET',
    route: paths.home,
    coveredBy: 'src/home/home-pages.db.test.ts (one council goes to it; several, each in one line)',
  },
  { method: 'GET', route: paths.signIn, coveredBy: 'src/accounts/sign-in.db.test.ts' },
  { method: 'POST', route: paths.signIn, coveredBy: 'src/accounts/sign-in.db.test.ts' },
  { method: 'POST', route: paths.signOut, coveredBy: 'src/accounts/sign-in.db.test.ts' },
  { method: 'GET', route: paths.acceptInvitation, coveredBy: 'src/accounts/invitation.db.test.ts' },
  { method: 'POST', route: paths.acceptInvitation, coveredBy: 'src/accounts/invitation.db.test.ts' },
  { method: 'GET', route: paths.forgotPassword, coveredBy: 'src/accounts/password-reset.db.test.ts' },
  { method: 'POST', route: paths.forgotPassword, coveredBy: 'src/accounts/password-reset.db.test.ts' },
  { method: 'GET', route: paths.resetPassword, coveredBy: 'src/accounts/password-reset.db.test.ts' },
  { method: 'POST', route: paths.resetPassword, coveredBy: 'src/accounts/password-reset.db.test.ts' },
  { method: 'GET', route: paths.account, coveredBy: 'src/accounts/account-routes.db.test.ts (signed in only)' },
  { method: 'GET', route: paths.changePassword, coveredBy: 'src/accounts/account-routes.db.test.ts' },
  { method: 'POST', route: paths.changePassword, coveredBy: 'src/accounts/account-routes.db.test.ts' },
  {
    method: 'GET',
    route: paths.councilInvitations,
    coveredBy: 'src/accounts/council-invitations.db.test.ts (own only)',
  },
  {
    method: 'POST',
    route: paths.answerCouncilInvitation,
    coveredBy: 'src/accounts/council-invitations.db.test.ts (404 for anyone but the invited person)',
  },
  { method: 'GET', route: paths.ping, coveredBy: 'src/server/app.db.test.ts' },
  { method: 'GET', route: paths.publicReports, coveredBy: 'src/reports/report-approval.db.test.ts' },
  { method: 'GET', route: paths.publicReport, coveredBy: 'src/reports/report-approval.db.test.ts' },
  { method: 'GET', route: paths.publicReportPdf, coveredBy: 'test/e2e/board-paper-journey.test.ts' },
  { method: 'GET', route: paths.health, coveredBy: 'src/server/app.db.test.ts' },
  { method: 'GET', route: paths.info, coveredBy: 'src/server/app.db.test.ts' },
  { method: 'GET', route: paths.myMail, coveredBy: 'src/mail/mail-routes.db.test.ts (signed in; own mail only)' },
  { method: 'GET', route: paths.mailPreferences, coveredBy: 'src/mail/mail-routes.db.test.ts' },
  ...(
    [
      ['GET', paths.service],
      ['GET', paths.oversightAccess],
      ['GET', paths.grantOversightAccess],
      ['POST', paths.grantOversightAccess],
      ['GET', paths.editOversightAccess],
      ['POST', paths.editOversightAccess],
      ['GET', paths.withdrawOversightAccess],
      ['POST', paths.withdrawOversightAccess],
    ] as const
  ).map(([method, route]) => ({
    method,
    route,
    coveredBy:
      'src/accounts/oversight-access.db.test.ts (service administrator only; 403 GET and POST for others; sign-in when signed out)',
  })),
  { method: 'POST', route: paths.mailPreferences, coveredBy: 'src/mail/mail-routes.db.test.ts (saved, audited)' },
  ...(
    [
      ['GET', paths.serviceNationalData],
      ['POST', paths.serviceNationalData],
      ['POST', paths.serviceReloadNationalData],
      ['POST', paths.serviceLinkCouncil],
    ] as const
  ).map(([method, route]) => ({
    method,
    route,
    coveredBy: `${NATIONAL_DATA_TEST} here, and src/national/national-routes.db.test.ts (the service administrator's page)`,
  })),
  {
    method: 'GET',
    route: paths.serviceAudit,
    coveredBy:
      'src/accounts/sign-in-throttle.db.test.ts (service administrator only; 403 for others; sign-in when signed out)',
  },
  ...GOVUK_FRONTEND_FILES.map((route) => ({ method: 'GET' as const, route, coveredBy: 'src/server/app.db.test.ts' })),
]

const covered = (method: Method, cases: Array<{ route: { readonly pattern: string } }>): Covered[] =>
  cases.map((c) => ({ method, route: c.route }))

/** Every list the completeness test checks the app's routes against. */
const COVERAGE: CoverageLists = {
  accessMatrix: [...covered('GET', GET_ROUTES), ...covered('POST', POST_ROUTES), ...SEPARATELY_TESTED],
  pages: covered('GET', [...ACCESSIBILITY_PAGES, ...PAGES_CHECKED_BY_INTERACTION]),
  notPages: covered('GET', NOT_PAGES),
  topLevel: TOP_LEVEL_ROUTES,
}

for (const kind of testDatabaseKinds()) {
  describe(`route access on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Ids
    const agents = new Map<Role, Agent>()
    const tokens = new Map<Role, string>()
    let app: ReturnType<typeof buildTestApp>

    before(async () => {
      database = await kind.openDemo({ national: true })
      const northfield = await database.db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', 'northfield')
        .executeTakeFirstOrThrow()
      const northfieldMeasure = await database.db
        .insertInto('measure')
        .values({
          organisation_id: northfield.id,
          code: 'NF-1',
          name: 'Northfield measure',
          unit: 'count',
          polarity: 'lower',
          frequency: 'monthly',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const northfieldBatch = await database.db
        .insertInto('import_batch')
        .values({
          organisation_id: northfield.id,
          kind: 'values',
          filename: 'nf.csv',
          rows: jsonb({ columns: [], rows: [] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      // A Bradford import already cancelled: its preview can be read, and confirming or cancelling it changes nothing.
      const bradford = await database.db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', B)
        .executeTakeFirstOrThrow()
      const bradfordBatch = await database.db
        .insertInto('import_batch')
        .values({
          organisation_id: bradford.id,
          kind: 'values',
          filename: 'bradford.csv',
          rows: jsonb({ columns: [], rows: [] }),
          status: 'discarded',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const bradfordPartnerRequest = await database.db
        .selectFrom('partner_request')
        .select('id')
        .where('organisation_id', '=', bradford.id)
        .orderBy('id')
        .executeTakeFirstOrThrow()
      // Bradford as a local authority in the national statistics, which this test does not load.
      await database.db
        .insertInto('national_area')
        .values({ code: '380', level: 'local authority', name: 'Bradford' })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
      // An evidence entry with an attachment in the strand the demo strand lead leads.
      const demo = await demoIds(database.db)
      const ownEvidence = await database.db
        .insertInto('evidence_entry')
        .values({
          objective_id: demo.ownObjective,
          observed_on: '2022-11-01',
          kind: 'audit',
          summary: 'Audit of 20 re-referrals',
          direction: 'improving',
          attachment_name: 'audit.pdf',
          attachment_type: 'application/pdf',
          attachment: Buffer.from('%PDF-1.4\n%%EOF\n'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      // One message each for Bradford and Northfield (the sent-mail pages).
      const message = async (organisationId: number) =>
        (
          await database.db
            .insertInto('outbox_message')
            .values({
              organisation_id: organisationId,
              to_user_id: null,
              to_email: 'someone@council.example',
              category: 'notice',
              template: 'test',
              subject: 'A notice',
              body: 'A notice',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      // A contact each for Bradford and Northfield (people without an account who own plan items).
      const contact = async (organisationId: number, email: string) =>
        (
          await database.db
            .insertInto('contact')
            .values({ organisation_id: organisationId, name: 'A contact', email })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      // Bradford rounds: Q2 2022/23 locked, Q3 2022/23 open (it locks in 2099); and a Northfield round.
      const round = async (organisationId: number, quarterStart: string, quarterEnd: string, locked: boolean) =>
        (
          await database.db
            .insertInto('reporting_round')
            .values({
              organisation_id: organisationId,
              quarter_start: quarterStart,
              data_cutoff_on: quarterEnd,
              updates_due_on: quarterEnd,
              commentary_due_on: '2099-01-01',
              locks_on: '2099-01-01',
              locked_at: locked ? new Date() : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      ids = {
        ...demo,
        bradfordLockedRound: await round(bradford.id, '2022-07-01', '2022-09-30', true),
        bradfordRound: await round(bradford.id, '2022-10-01', '2022-12-31', false),
        northfieldRound: await round(northfield.id, '2020-04-01', '2020-06-30', true),
        bradfordContact: await contact(bradford.id, 'route-access-contact@bradford.example'),
        northfieldContact: await contact(northfield.id, 'route-access-contact@northfield.example'),
        bradfordMessage: await message(bradford.id),
        northfieldMessage: await message(northfield.id),
        ownEvidence: ownEvidence.id,
        northfieldMeasure: northfieldMeasure.id,
        northfieldBatch: northfieldBatch.id,
        bradfordBatch: bradfordBatch.id,
        bradfordPartnerRequest: bradfordPartnerRequest.id,
        bradfordSelfAssessment: (
          await database.db
            .insertInto('self_assessment')
            .values({ organisation_id: bradford.id, title: 'Route access draft' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      }
      app = buildTestApp(database.db)
      for (const account of DEMO_ACCOUNTS) {
        const bradford = account.access.find((a) => a.council === B)
        if (!bradford || account.access.length > 1) continue // one account per role, Bradford only
        const agent = await signedIn(app, account.email)
        agents.set(bradford.role, agent)
        tokens.set(bradford.role, csrfFrom((await agent.get(P.versions(B))).text))
      }
      // The adviser also sees Northfield: their Bradford access is tested via their own agent.
      const adviser = DEMO_ACCOUNTS.find((a) => a.email === 'adviser@dfe.example')!
      agents.set('adviser', await signedIn(app, adviser.email))
      tokens.set('adviser', csrfFrom((await agents.get('adviser')!.get(P.versions(B))).text))
    })

    after(() => database.close())

    it('has a signed-in agent for every role', () => {
      assert.deepEqual([...agents.keys()].sort(), [...ALL].sort())
    })

    for (const route of GET_ROUTES) {
      it(`GET ${route.name}: 200 for ${route.allowed.join(', ')}; 403 for the rest`, async () => {
        for (const role of ALL) {
          const url = urlOf(route, ids)
          const res = await agents.get(role)!.get(url)
          const expected = route.allowed.includes(role)
            ? (route.allowedStatus ?? 200)
            : route.hidden?.includes(role)
              ? 404
              : 403
          assert.equal(res.status, expected, `${role} GET ${url}`)
        }
      })
    }

    for (const route of CROSS_COUNCIL) {
      it(`GET ${route.name}: 404 for every Bradford role`, async () => {
        for (const role of ALL.filter((r) => r !== 'adviser')) {
          const url = urlOf(route, ids, route.council)
          const res = await agents.get(role)!.get(url)
          assert.equal(res.status, 404, `${role} GET ${url}`)
          assert.match(res.text, /Page not found/)
          assert.doesNotMatch(res.text, /Northfield/)
        }
      })
    }

    it('POST to another council’s records is 404, even for an administrator', async () => {
      const admin = agents.get('admin')!
      const body = { _csrf: tokens.get('admin')!, direction: 'up', status: 'complete' }
      for (const url of [
        P.moveStrand(B, ids.northfieldStrand),
        P.editMilestone(B, ids.northfieldMilestone),
        P.deleteMilestone(B, ids.northfieldMilestone),
      ]) {
        const res = await admin.post(url).type('form').send(body)
        assert.equal(res.status, 404, url)
      }
      const still = await database.db
        .selectFrom('milestone')
        .select('id')
        .where('id', '=', ids.northfieldMilestone)
        .executeTakeFirst()
      assert.ok(still, 'Northfield milestone must survive')
    })

    for (const route of POST_ROUTES) {
      it(`POST ${route.name}: allowed for ${route.allowed.join(', ')}; 403 for the rest`, async () => {
        for (const role of ALL) {
          const url = urlOf(route, ids)
          const res = await agents
            .get(role)!
            .post(url)
            .type('form')
            .send({ ...route.body, _csrf: tokens.get(role)! })
          const expected = route.allowed.includes(role)
            ? (route.allowedStatus ?? 400)
            : route.hidden?.includes(role)
              ? 404
              : 403
          assert.equal(res.status, expected, `${role} POST ${url}`)
        }
      })
    }

    it(DELETE_MILESTONE_TEST, async () => {
      for (const role of ALL.filter((r) => !OWN_STRAND_EDITORS.includes(r))) {
        const res = await agents
          .get(role)!
          .post(P.deleteMilestone(B, ids.ownMilestone))
          .type('form')
          .send({ _csrf: tokens.get(role)! })
        assert.equal(res.status, 403, role)
      }
      const other = await agents
        .get('strand-lead')!
        .post(P.deleteMilestone(B, ids.otherMilestone))
        .type('form')
        .send({ _csrf: tokens.get('strand-lead')! })
      assert.equal(other.status, 403, 'strand lead, another strand')
      const res = await agents
        .get('strand-lead')!
        .post(P.deleteMilestone(B, ids.ownMilestone))
        .type('form')
        .send({ _csrf: tokens.get('strand-lead')! })
      assert.equal(res.status, 302)
    })

    it(REMOVE_LINK_TEST, async () => {
      const post = (role: Role, linkId: number) =>
        agents
          .get(role)!
          .post(P.deleteOversightLink(B, linkId))
          .type('form')
          .send({ _csrf: tokens.get(role)! })
      for (const role of ALL.filter((r) => !EDITORS.includes(r))) {
        assert.equal((await post(role, ids.bradfordLink)).status, 403, role)
      }
      assert.equal((await post('admin', ids.northfieldLink)).status, 404, 'another council’s link')
      assert.equal((await post('improvement-team', ids.bradfordLink)).status, 302)
      const left = await database.db
        .selectFrom('oversight_link')
        .select('id')
        .where('id', '=', ids.bradfordLink)
        .executeTakeFirst()
      assert.equal(left, undefined, 'removed')
    })

    it(SUBMIT_SELF_ASSESSMENT_TEST, async () => {
      // A draft of its own, so the one the other cases read stays a draft.
      const bradford = await organisationIdOf(database.db, B)
      const { id } = await database.db
        .insertInto('self_assessment')
        .values({ organisation_id: bradford, title: 'Submitted by the route access test' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const post = (role: Role) =>
        agents
          .get(role)!
          .post(P.submitSelfAssessment(B, id))
          .type('form')
          .send({ _csrf: tokens.get(role)! })
      for (const role of ALL.filter((r) => !EDITORS.includes(r))) assert.equal((await post(role)).status, 403, role)
      assert.equal((await post('improvement-team')).status, 302)
      assert.equal((await post('admin')).status, 409, 'once submitted, never again')
    })

    it('POST without a CSRF token is refused for every role', async () => {
      for (const role of ALL) {
        const res = await agents.get(role)!.post(P.publishVersion(B)).type('form').send({ notes: 'no token' })
        assert.equal(res.status, 403, role)
        assert.match(res.text, /This form has expired/)
      }
    })

    it(EVIDENCE_UPLOAD_TEST, async () => {
      for (const [objective, allowed] of [
        [ids.ownObjective, OWN_STRAND_EDITORS],
        [ids.otherObjective, EDITORS],
      ] as const) {
        for (const role of ALL) {
          const res = await agents
            .get(role)!
            .post(P.objectiveEvidence(B, objective))
            .field('_csrf', tokens.get(role)!)
            .field('summary', '')
          assert.equal(res.status, allowed.includes(role) ? 400 : 403, `${role} on objective ${objective}`)
        }
      }
      const none = await database.db.selectFrom('evidence_entry').select('id').where('summary', '=', '').execute()
      assert.deepEqual(none, [], 'nothing was saved')
    })

    it(UPLOAD_TEST, async () => {
      for (const role of ALL) {
        const res = await agents
          .get(role)!
          .post(P.importData(B))
          .field('_csrf', tokens.get(role)!)
          .field('kind', 'values')
        assert.equal(res.status, EDITORS.includes(role) ? 400 : 403, role)
      }
    })

    it(NATIONAL_DATA_TEST, async () => {
      for (const role of ALL) {
        const agent = agents.get(role)!
        await agent.get(paths.serviceNationalData()).expect(403)
        const load = await agent
          .post(paths.serviceNationalData())
          .field('_csrf', tokens.get(role)!)
          .field('dataset', 'c1-referrals')
        assert.equal(load.status, 403, `load as ${role}`)
        const reload = await agent
          .post(paths.serviceReloadNationalData())
          .type('form')
          .send({ _csrf: tokens.get(role)! })
        assert.equal(reload.status, 403, `reload as ${role}`)
        const link = await agent
          .post(paths.serviceLinkCouncil())
          .type('form')
          .send({ _csrf: tokens.get(role)!, council: B, laCode: '805' })
        assert.equal(link.status, 403, `link as ${role}`)
      }
      const organisation = await database.db
        .selectFrom('organisation')
        .select('la_code')
        .where('slug', '=', B)
        .executeTakeFirstOrThrow()
      assert.equal(organisation.la_code, '380', 'Bradford is still linked to its own authority')
    })

    it('POST to confirm or discard another council’s import is 404', async () => {
      for (const url of [P.confirmImport(B, ids.northfieldBatch), P.discardImport(B, ids.northfieldBatch)]) {
        const res = await agents
          .get('admin')!
          .post(url)
          .type('form')
          .send({ _csrf: tokens.get('admin')! })
        assert.equal(res.status, 404, url)
      }
    })

    it('signed-out requests to council pages redirect to sign-in', async () => {
      const { default: request } = await import('supertest')
      const res = await request(buildTestApp(database.db)).get(P.plan(B))
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, `/sign-in?returnTo=${encodeURIComponent(P.plan(B))}`)
    })

    it('covers every route the app registers: each council route in the access matrix, each GET route checked as a page or listed as not one', () => {
      const routes = registeredRoutes(app)
      // The walk sees the whole router: every council path is mounted by some route it found.
      const found = new Set(routes.map((r) => r.pattern))
      const councilPaths = Object.values(P).filter((r) => r !== P.root)
      assert.deepEqual(
        councilPaths.map(fullPattern).filter((p) => !found.has(p)),
        [],
        'council paths the walk did not find',
      )
      assert.deepEqual(coverageProblems(routes, COVERAGE), [])
    })

    it('fails, naming the route, when the app registers a council route that no list names', () => {
      const extended = buildTestApp(database.db)
      const stack = (extended.router as unknown as { stack: Array<{ rawPath?: unknown; handle: unknown }> }).stack
      const council = stack.find(
        (l) => l.rawPath === paths.council.root.pattern && Array.isArray((l.handle as { stack?: unknown }).stack),
      )
      assert.ok(council, 'the council router is mounted')
      const router = council.handle as express.Router
      router.get('/plan/secret', (_req, res) => res.end())
      router.post('/plan/secret', (_req, res) => res.end())
      assert.deepEqual(coverageProblems(registeredRoutes(extended), COVERAGE), [
        'GET /councils/:council/plan/secret: a council route missing from the access matrix',
        'GET /councils/:council/plan/secret: neither checked for accessibility nor listed as not a page',
        'POST /councils/:council/plan/secret: a council route missing from the access matrix',
      ])
    })
  })
}

describe('the route completeness check', () => {
  const end = (_req: express.Request, res: express.Response) => void res.end()
  /** A small app shaped like the real one: top-level routes, and a council router with a router inside. */
  function smallApp() {
    const app = express()
    const council = express.Router({ mergeParams: true })
    const plan = express.Router({ mergeParams: true })
    plan.get(P.plan.pattern, end)
    plan.post(P.newStrand.pattern, end)
    council.use(plan)
    council.get(P.home.pattern, end)
    app.get(paths.signIn.pattern, end)
    app.use(paths.council.root.pattern, end, council)
    return { app, council }
  }
  const lists = (): CoverageLists => ({
    accessMatrix: [
      { method: 'GET', route: P.plan },
      { method: 'POST', route: P.newStrand },
      { method: 'GET', route: P.home },
    ],
    pages: [
      { method: 'GET', route: P.plan },
      { method: 'GET', route: P.home },
      { method: 'GET', route: paths.signIn },
    ],
    notPages: [],
    topLevel: [{ method: 'GET', route: paths.signIn }],
  })

  it('collects every method and full pattern, nested routers included', () => {
    assert.deepEqual(registeredRoutes(smallApp().app), [
      { method: 'GET', pattern: '/sign-in' },
      { method: 'GET', pattern: '/councils/:council/plan' },
      { method: 'POST', pattern: '/councils/:council/plan/strands/new' },
      { method: 'GET', pattern: '/councils/:council' },
    ])
    assert.deepEqual(coverageProblems(registeredRoutes(smallApp().app), lists()), [])
  })

  it('names a route that one more route on the router leaves out of the lists', () => {
    const { app, council } = smallApp()
    council.get(P.planCsv.pattern, end)
    app.post('/extra', end)
    assert.deepEqual(coverageProblems(registeredRoutes(app), lists()), [
      'GET /councils/:council/plan.csv: a council route missing from the access matrix',
      'GET /councils/:council/plan.csv: neither checked for accessibility nor listed as not a page',
      'POST /extra: a top-level route missing from the top-level list',
    ])
  })

  it('names a listed route that the app does not register, and a route listed both as a page and not', () => {
    const broken = lists()
    broken.accessMatrix.push({ method: 'POST', route: P.plan })
    broken.notPages.push({ method: 'GET', route: P.home })
    assert.deepEqual(coverageProblems(registeredRoutes(smallApp().app), broken), [
      'GET /councils/:council: listed both as a page and as not a page',
      'POST /councils/:council/plan: in the access matrix, but the app registers no such route',
    ])
  })
})
