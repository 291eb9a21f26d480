// Every route path, written once. Each entry is both the pattern a router mounts
// (`paths.council.strand.pattern`, relative to the council router) and the function that builds a link to
// it (`paths.council.strand('bradford', 12)`), so a page can never link to a path no route serves.

/** The names of a pattern's parameters, in order: '/a/:x/b.:y' gives ['x', 'y']. */
type ParamNames<P extends string> = P extends `${string}:${infer Rest}` ? [NameOf<Rest>, ...ParamNames<Rest>] : []
type NameOf<S extends string> = S extends `${infer N}/${string}` ? BeforeDot<N> : BeforeDot<S>
type BeforeDot<S extends string> = S extends `${infer N}.${string}` ? N : S
type Values<Names extends string[]> = { [K in keyof Names]: string | number }

export type Route<P extends string, Prefix extends string[] = []> = ((
  ...args: [...Values<Prefix>, ...Values<ParamNames<P>>]
) => string) & {
  /** The pattern, as a router mounts it. */
  readonly pattern: P
}

function fill(pattern: string, args: Array<string | number>): string {
  let i = 0
  return pattern.replace(/:(\w+)/g, () => encodeURIComponent(String(args[i++])))
}

/** A route outside any council. */
function route<P extends string>(pattern: P): Route<P> {
  return Object.assign((...args: Array<string | number>) => fill(pattern, args), { pattern })
}

const COUNCIL_ROOT = '/councils/:council'

/** A route inside a council: its pattern is relative to the council router; links take the council first. */
function councilRoute<P extends string>(pattern: P): Route<P, ['council']> {
  const full = pattern === '/' ? COUNCIL_ROOT : COUNCIL_ROOT + pattern
  return Object.assign((...args: Array<string | number>) => fill(full, args), { pattern })
}

export const paths = {
  home: route('/'),
  signIn: route('/sign-in'),
  signOut: route('/sign-out'),
  ping: route('/ping'),
  /** Links sent by email: accept an invitation (choose a password), reset a forgotten password. */
  acceptInvitation: route('/invitation/:token'),
  forgotPassword: route('/forgot-password'),
  resetPassword: route('/reset-password/:token'),
  /** The signed-in person's own account: password, mail choices, mail sent to them. */
  account: route('/account'),
  changePassword: route('/account/password'),
  mailPreferences: route('/account/mail-preferences'),
  councilInvitations: route('/account/invitations'),
  answerCouncilInvitation: route('/account/invitations/:invitationId'),
  myMail: route('/account/mail'),
  /** Public editions of published reports: the only council pages readable without signing in. */
  publicReports: route('/public/:council/reports'),
  publicReport: route('/public/:council/reports/:reportId'),
  publicReportPdf: route('/public/:council/reports/:reportId/report.pdf'),
  /** Service-level administration, above councils: oversight access to each council. */
  service: route('/service'),
  oversightAccess: route('/service/oversight-access'),
  grantOversightAccess: route('/service/oversight-access/new'),
  editOversightAccess: route('/service/oversight-access/:membershipId/edit'),
  withdrawOversightAccess: route('/service/oversight-access/:membershipId/withdraw'),
  serviceNationalData: route('/service/national-data'),
  serviceReloadNationalData: route('/service/national-data/reload'),
  serviceLinkCouncil: route('/service/national-data/council-link'),
  /** Audit entries that belong to no council: failed sign-ins for unknown emails, address lockouts. */
  serviceAudit: route('/service/audit'),
  health: route('/health'),
  info: route('/info'),
  assets: route('/assets'),
  govukStylesheet: route('/stylesheets/govuk-frontend.min.css'),
  govukScript: route('/javascripts/govuk-frontend.min.js'),

  council: {
    root: route(COUNCIL_ROOT),
    home: councilRoute('/'),

    plan: councilRoute('/plan'),
    planCsv: councilRoute('/plan.csv'),
    newStrand: councilRoute('/plan/strands/new'),
    strand: councilRoute('/plan/strands/:strandId'),
    editStrand: councilRoute('/plan/strands/:strandId/edit'),
    strandStatus: councilRoute('/plan/strands/:strandId/status'),
    moveStrand: councilRoute('/plan/strands/:strandId/move'),
    newObjective: councilRoute('/plan/strands/:strandId/objectives/new'),
    objective: councilRoute('/plan/objectives/:objectiveId'),
    editObjective: councilRoute('/plan/objectives/:objectiveId/edit'),
    objectiveStatus: councilRoute('/plan/objectives/:objectiveId/status'),
    moveObjective: councilRoute('/plan/objectives/:objectiveId/move'),
    objectiveUpdates: councilRoute('/plan/objectives/:objectiveId/updates'),
    newMilestone: councilRoute('/plan/objectives/:objectiveId/milestones/new'),
    editMilestone: councilRoute('/plan/milestones/:milestoneId/edit'),
    deleteMilestone: councilRoute('/plan/milestones/:milestoneId/delete'),
    moveMilestone: councilRoute('/plan/milestones/:milestoneId/move'),

    closePlan: councilRoute('/plan/close'),
    nextPlan: councilRoute('/plan/next'),
    objectiveEvidence: councilRoute('/plan/objectives/:objectiveId/evidence'),
    evidenceAttachment: councilRoute('/evidence/:evidenceId/attachment'),
    withdrawEvidence: councilRoute('/evidence/:evidenceId/withdraw'),

    versions: councilRoute('/plan/versions'),
    publishVersion: councilRoute('/plan/versions/publish'),
    compareVersions: councilRoute('/plan/versions/compare'),
    version: councilRoute('/plan/versions/:versionNumber'),

    measures: councilRoute('/measures'),
    measuresCsv: councilRoute('/measures.csv'),
    newMeasure: councilRoute('/measures/new'),
    importData: councilRoute('/measures/import'),
    importTemplate: councilRoute('/measures/import/template-:kind.:ext'),
    importBatch: councilRoute('/measures/import/:batchId'),
    confirmImport: councilRoute('/measures/import/:batchId/confirm'),
    discardImport: councilRoute('/measures/import/:batchId/discard'),
    measureCsv: councilRoute('/measures/:measureId.csv'),
    measure: councilRoute('/measures/:measureId'),
    editMeasure: councilRoute('/measures/:measureId/edit'),
    measureValues: councilRoute('/measures/:measureId/values'),
    measureTargets: councilRoute('/measures/:measureId/targets'),
    measureBenchmarks: councilRoute('/measures/:measureId/benchmarks'),
    measureRebaselines: councilRoute('/measures/:measureId/rebaselines'),
    deleteRebaseline: councilRoute('/measures/:measureId/rebaselines/:rebaselineId/delete'),
    vitalSigns: councilRoute('/vital-signs'),
    vitalSignsCsv: councilRoute('/vital-signs.csv'),

    benchmarks: councilRoute('/benchmarks'),
    benchmarksCsv: councilRoute('/benchmarks.csv'),
    benchmarkIndicatorCsv: councilRoute('/benchmarks/:indicator.csv'),
    benchmarkIndicator: councilRoute('/benchmarks/:indicator'),
    inspections: councilRoute('/inspections'),
    inspectionsCsv: councilRoute('/inspections.csv'),
    allInspections: councilRoute('/inspections/all-councils'),
    allInspectionsCsv: councilRoute('/inspections/all-councils.csv'),
    timeToImproveCsv: councilRoute('/inspections/all-councils/time-to-improve.csv'),
    improvementJourneysCsv: councilRoute('/inspections/all-councils/journeys.csv'),
    areaInspectionsCsv: councilRoute('/inspections/all-councils/:area.csv'),
    areaInspections: councilRoute('/inspections/all-councils/:area'),
    nationalData: councilRoute('/national-data'),

    reports: councilRoute('/reports'),
    report: councilRoute('/reports/:reportId'),
    reportPrint: councilRoute('/reports/:reportId/print'),
    reportExport: councilRoute('/reports/:reportId/export.:format'),
    reportNarrative: councilRoute('/reports/:reportId/narrative'),
    reportCommentary: councilRoute('/reports/:reportId/strands/:strandId/commentary'),
    reportOverride: councilRoute('/reports/:reportId/overrides'),
    publishReport: councilRoute('/reports/:reportId/publish'),
    reportCover: councilRoute('/reports/:reportId/cover'),
    submitReport: councilRoute('/reports/:reportId/submit'),
    approveReport: councilRoute('/reports/:reportId/approve'),
    returnReport: councilRoute('/reports/:reportId/return'),
    correctReport: councilRoute('/reports/:reportId/correct'),
    reportPublicEdition: councilRoute('/reports/:reportId/public-edition'),
    compareReport: councilRoute('/reports/:reportId/compare'),
    partnerRequests: councilRoute('/partner-requests'),
    partnerRequestReceived: councilRoute('/partner-requests/:requestId/received'),
    /** The evidence a partner attached to their answer (the improvement team and that partner's people). */
    partnerRequestAttachment: councilRoute('/partner-requests/:requestId/attachment'),
    /** The council's partner organisations and their people. */
    partners: councilRoute('/partners'),
    newPartner: councilRoute('/partners/new'),
    partner: councilRoute('/partners/:partnerId'),
    newPartnerPerson: councilRoute('/partners/:partnerId/people/new'),
    /** A partner's own view: the requests addressed to their organisation, and answering one. */
    contributions: councilRoute('/contributions'),
    contribution: councilRoute('/contributions/:requestId'),

    audit: councilRoute('/audit'),
    users: councilRoute('/users'),
    /** Who holds oversight access to the council (granted by a service-level administrator): read-only here. */
    councilOversightAccess: councilRoute('/users/oversight-access'),
    newUser: councilRoute('/users/new'),
    editUser: councilRoute('/users/:userId/edit'),
    inviteUser: councilRoute('/users/:userId/invite'),
    deactivateUser: councilRoute('/users/:userId/deactivate'),
    sentMail: councilRoute('/sent-mail'),
    sentMailMessage: councilRoute('/sent-mail/:messageId'),

    /** Owners who are people: external contacts, and assigning owners in bulk. */
    contacts: councilRoute('/contacts'),
    newContact: councilRoute('/contacts/new'),
    editContact: councilRoute('/contacts/:contactId/edit'),
    owners: councilRoute('/owners'),

    /** Reporting rounds: deadlines and lock for a quarter's updates, returns, and each person's updates. */
    rounds: councilRoute('/rounds'),
    newRound: councilRoute('/rounds/new'),
    round: councilRoute('/rounds/:roundId'),
    editRound: councilRoute('/rounds/:roundId/edit'),
    lockRound: councilRoute('/rounds/:roundId/lock'),
    unlockRound: councilRoute('/rounds/:roundId/unlock'),
    roundReturnsCsv: councilRoute('/rounds/:roundId/returns.csv'),
    remindOutstanding: councilRoute('/rounds/:roundId/remind'),
    myUpdates: councilRoute('/my-updates'),
    myUpdate: councilRoute('/my-updates/:itemType/:itemId'),
    /** The Improvement Board: chair, members and cadence; its meetings, agenda, attendance, decisions and actions. */
    board: councilRoute('/board'),
    editBoard: councilRoute('/board/edit'),
    newBoardMember: councilRoute('/board/members/new'),
    editBoardMember: councilRoute('/board/members/:memberId/edit'),
    boardMeetings: councilRoute('/board/meetings'),
    newBoardMeeting: councilRoute('/board/meetings/new'),
    boardMeeting: councilRoute('/board/meetings/:meetingId'),
    editBoardMeeting: councilRoute('/board/meetings/:meetingId/edit'),
    meetingAttendance: councilRoute('/board/meetings/:meetingId/attendance'),
    meetingAgenda: councilRoute('/board/meetings/:meetingId/agenda'),
    newBoardAction: councilRoute('/board/meetings/:meetingId/actions/new'),
    boardActions: councilRoute('/board/actions'),
    boardActionsCsv: councilRoute('/board/actions.csv'),
    editBoardAction: councilRoute('/board/actions/:actionId/edit'),
    /** The risk and issue register (5x5 scoring) and the improvement programme's resources by quarter. */
    risks: councilRoute('/risks'),
    risksCsv: councilRoute('/risks.csv'),
    newRisk: councilRoute('/risks/new'),
    risk: councilRoute('/risks/:riskId'),
    editRisk: councilRoute('/risks/:riskId/edit'),
    assessRisk: councilRoute('/risks/:riskId/assessments'),
    closeRisk: councilRoute('/risks/:riskId/close'),
    resources: councilRoute('/resources'),
    resourceQuarter: councilRoute('/resources/:quarterStart'),

    /** Evidence from practice: one page leading to staff surveys, children's voice, audits, standards and leadership. */
    practice: councilRoute('/practice'),
    /** Staff surveys: rounds, each question's trend across rounds, imports and the staff reference group. */
    staffSurveys: councilRoute('/practice/staff-surveys'),
    newStaffSurveyRound: councilRoute('/practice/staff-surveys/rounds/new'),
    staffSurveyRound: councilRoute('/practice/staff-surveys/rounds/:surveyRoundId'),
    editStaffSurveyRound: councilRoute('/practice/staff-surveys/rounds/:surveyRoundId/edit'),
    staffSurveyResult: councilRoute('/practice/staff-surveys/rounds/:surveyRoundId/results'),
    importStaffSurvey: councilRoute('/practice/staff-surveys/rounds/:surveyRoundId/import'),
    staffSurveyTemplate: councilRoute('/practice/staff-surveys/results-template.csv'),
    staffSurveyImport: councilRoute('/practice/staff-surveys/imports/:surveyImportId'),
    confirmStaffSurveyImport: councilRoute('/practice/staff-surveys/imports/:surveyImportId/confirm'),
    discardStaffSurveyImport: councilRoute('/practice/staff-surveys/imports/:surveyImportId/discard'),
    staffSurveyQuestion: councilRoute('/practice/staff-surveys/questions/:surveyQuestionId'),
    staffSurveyQuestionObjectives: councilRoute('/practice/staff-surveys/questions/:surveyQuestionId/objectives'),
    staffReferenceNotes: councilRoute('/practice/staff-surveys/reference-group'),
    newStaffReferenceNote: councilRoute('/practice/staff-surveys/reference-group/new'),
    editStaffReferenceNote: councilRoute('/practice/staff-surveys/reference-group/:referenceNoteId/edit'),
    /** Children's and young people's voice: themes, feedback, and "you said, we did". */
    childrenVoice: councilRoute('/practice/children'),
    voiceFeedback: councilRoute('/practice/children/feedback'),
    voiceFeedbackCsv: councilRoute('/practice/children/feedback.csv'),
    newVoiceFeedback: councilRoute('/practice/children/feedback/new'),
    editVoiceFeedback: councilRoute('/practice/children/feedback/:feedbackId/edit'),
    /** The themes, each with a page in plain words to share with children. */
    voiceThemes: councilRoute('/practice/children/themes'),
    newVoiceTheme: councilRoute('/practice/children/themes/new'),
    voiceTheme: councilRoute('/practice/children/themes/:themeId'),
    editVoiceTheme: councilRoute('/practice/children/themes/:themeId/edit'),
    voiceThemeObjectives: councilRoute('/practice/children/themes/:themeId/objectives'),
    newVoiceAction: councilRoute('/practice/children/actions/new'),
    editVoiceAction: councilRoute('/practice/children/actions/:actionId/edit'),
    caseAudits: councilRoute('/practice/audits'),
    newCaseAuditRound: councilRoute('/practice/audits/new'),
    caseAuditRound: councilRoute('/practice/audits/:auditRoundId'),
    caseAuditRoundCsv: councilRoute('/practice/audits/:auditRoundId/cases.csv'),
    closeCaseAuditRound: councilRoute('/practice/audits/:auditRoundId/close'),
    newAuditedCase: councilRoute('/practice/audits/:auditRoundId/cases/new'),
    editAuditedCase: councilRoute('/practice/audits/cases/:auditedCaseId/edit'),
    importAuditedCases: councilRoute('/practice/audits/:auditRoundId/import'),
    /** Practice standards: local frequency beside the statutory minimum, monthly compliance and its CSVs. */
    practiceStandards: councilRoute('/practice/standards'),
    practiceStandardsCsv: councilRoute('/practice/standards.csv'),
    newPracticeStandard: councilRoute('/practice/standards/new'),
    practiceStandard: councilRoute('/practice/standards/:standardId'),
    editPracticeStandard: councilRoute('/practice/standards/:standardId/edit'),
    practiceStandardCsv: councilRoute('/practice/standards/:standardId/compliance.csv'),
    newPracticeStandardMonth: councilRoute('/practice/standards/:standardId/months/new'),
    practiceStandardMonth: councilRoute('/practice/standards/:standardId/months/:month'),
    /** Senior posts and how they were held over time; a post's history with the form to record a change. */
    leadership: councilRoute('/practice/leadership'),
    leadershipCsv: councilRoute('/practice/leadership.csv'),
    newLeadershipPost: councilRoute('/practice/leadership/posts/new'),
    editLeadershipPost: councilRoute('/practice/leadership/posts/:postId/edit'),
    leadershipPostChanges: councilRoute('/practice/leadership/posts/:postId/changes'),
    leadershipObjectives: councilRoute('/practice/leadership/objectives'),

    /** Intervention and scrutiny: the overview with the schedule of reviews and visits due. */
    oversight: councilRoute('/oversight'),
    /** Notices and Directions, each with its compliance view (one row per numbered requirement). */
    newIntervention: councilRoute('/oversight/interventions/new'),
    intervention: councilRoute('/oversight/interventions/:interventionId'),
    editIntervention: councilRoute('/oversight/interventions/:interventionId/edit'),
    complianceCsv: councilRoute('/oversight/interventions/:interventionId/compliance.csv'),
    newRequirement: councilRoute('/oversight/interventions/:interventionId/requirements/new'),
    requirement: councilRoute('/oversight/requirements/:requirementId'),
    editRequirement: councilRoute('/oversight/requirements/:requirementId/edit'),
    requirementLinks: councilRoute('/oversight/requirements/:requirementId/links'),
    closeRequirement: councilRoute('/oversight/requirements/:requirementId/close'),
    reopenRequirement: councilRoute('/oversight/requirements/:requirementId/reopen'),
    /** Inspections, visits and reviews, with their findings and recommendations. */
    oversightEvents: councilRoute('/oversight/visits'),
    newOversightEvent: councilRoute('/oversight/visits/new'),
    oversightEvent: councilRoute('/oversight/visits/:eventId'),
    editOversightEvent: councilRoute('/oversight/visits/:eventId/edit'),
    newFinding: councilRoute('/oversight/visits/:eventId/findings/new'),
    findingsCsv: councilRoute('/oversight/findings.csv'),
    finding: councilRoute('/oversight/findings/:findingId'),
    editFinding: councilRoute('/oversight/findings/:findingId/edit'),
    findingLinks: councilRoute('/oversight/findings/:findingId/links'),
    closeFinding: councilRoute('/oversight/findings/:findingId/close'),
    reopenFinding: councilRoute('/oversight/findings/:findingId/reopen'),
    /** Removing one link from a requirement or finding. */
    deleteOversightLink: councilRoute('/oversight/links/:linkId/delete'),
    /** Self-assessments before a review: a live draft, frozen on submission, exported to Word and PDF. */
    selfAssessments: councilRoute('/oversight/self-assessments'),
    newSelfAssessment: councilRoute('/oversight/self-assessments/new'),
    selfAssessment: councilRoute('/oversight/self-assessments/:assessmentId'),
    selfAssessmentNarrative: councilRoute('/oversight/self-assessments/:assessmentId/narrative'),
    submitSelfAssessment: councilRoute('/oversight/self-assessments/:assessmentId/submit'),
    selfAssessmentPrint: councilRoute('/oversight/self-assessments/:assessmentId/print'),
    selfAssessmentExport: councilRoute('/oversight/self-assessments/:assessmentId/export.:format'),
    /** The whole story in date order: inspections, the Notice, reviews, Board meetings, decisions, reports. */
    timeline: councilRoute('/timeline'),
    timelineCsv: councilRoute('/timeline.csv'),
  },
} as const
