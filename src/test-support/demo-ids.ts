// Looks up ids in the seeded demo database, so tests never hard-code them.
import type { Db } from '../db/connect.js'

/** A demo account's user id, by its email. */
export async function userIdOf(db: Db, email: string): Promise<number> {
  return (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

/** A demo organisation's id, by its slug ('bradford', 'northfield', 'dfe', ...). */
export async function organisationIdOf(db: Db, slug: string): Promise<number> {
  return (await db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
}

export async function demoIds(db: Db) {
  const strand = async (slug: string, code: string) =>
    db
      .selectFrom('strand')
      .innerJoin('plan', 'plan.id', 'strand.plan_id')
      .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
      .select(['strand.id'])
      .where('organisation.slug', '=', slug)
      .where('strand.code', '=', code)
      .executeTakeFirstOrThrow()
  const firstObjective = async (strandId: number) =>
    db
      .selectFrom('objective')
      .selectAll()
      .where('strand_id', '=', strandId)
      .orderBy('position')
      .executeTakeFirstOrThrow()
  const firstMilestone = async (objectiveId: number) =>
    db
      .selectFrom('milestone')
      .selectAll()
      .where('objective_id', '=', objectiveId)
      .orderBy('position')
      .executeTakeFirstOrThrow()
  const user = async (email: string) =>
    (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id

  const ownStrand = (await strand('bradford', '1')).id // led by the demo strand lead
  const otherStrand = (await strand('bradford', '5')).id // not led by them
  const northfieldStrand = (await strand('northfield', '1')).id
  const ownObjective = await firstObjective(ownStrand)
  const otherObjective = await firstObjective(otherStrand)
  const northfieldObjective = await firstObjective(northfieldStrand)
  const measure = async (code: string) =>
    (await db.selectFrom('measure').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const report = async (status: 'draft' | 'published') =>
    (await db.selectFrom('report').select('id').where('status', '=', status).orderBy('id').executeTakeFirstOrThrow()).id
  /** The first evidence entry of a council, outside the strands the demo strand lead leads (1 and 2). */
  const evidence = async (slug: string) =>
    (
      await db
        .selectFrom('evidence_entry')
        .innerJoin('objective', 'objective.id', 'evidence_entry.objective_id')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
        .select('evidence_entry.id')
        .where('organisation.slug', '=', slug)
        .where('strand.code', 'not in', ['1', '2'])
        .orderBy('evidence_entry.id')
        .executeTakeFirstOrThrow()
    ).id
  /** The first contact without an account of Northfield (the demo names some as owners). */
  const northfieldContact = async () =>
    (
      await db
        .selectFrom('contact')
        .innerJoin('organisation', 'organisation.id', 'contact.organisation_id')
        .select('contact.id')
        .where('organisation.slug', '=', 'northfield')
        .orderBy('contact.id')
        .executeTakeFirstOrThrow()
    ).id
  /** Northfield's reporting round (the demo seeds one, locked: the next is for the improvement team to open). */
  const northfieldLockedRound = async () =>
    (
      await db
        .selectFrom('reporting_round')
        .innerJoin('organisation', 'organisation.id', 'reporting_round.organisation_id')
        .select('reporting_round.id')
        .where('organisation.slug', '=', 'northfield')
        .orderBy('reporting_round.quarter_start')
        .executeTakeFirstOrThrow()
    ).id
  /** Northfield's requests to its health partnership: the one answered, and the one still awaited. */
  const northfieldRequest = async (answered: boolean) =>
    (
      await db
        .selectFrom('partner_request')
        .innerJoin('organisation', 'organisation.id', 'partner_request.organisation_id')
        .select('partner_request.id')
        .where('organisation.slug', '=', 'northfield')
        .where('partner_request.received_on', answered ? 'is not' : 'is', null)
        .orderBy('partner_request.id')
        .executeTakeFirstOrThrow()
    ).id
  /** Intervention and scrutiny records of a council (src/demo/oversight-demo.ts), the first of each by id. */
  /** A council's first row of a table (or its latest, by id, with `latest`). */
  const firstOf = async (
    table:
      | 'oversight_event'
      | 'board_meeting'
      | 'self_assessment'
      | 'board_action'
      | 'board_member'
      | 'staff_survey_round'
      | 'staff_survey_question'
      | 'staff_survey_import'
      | 'staff_reference_note'
      | 'voice_theme'
      | 'voice_feedback'
      | 'voice_action'
      | 'practice_standard',
    slug: string,
    latest = false,
  ) =>
    (
      await db
        .selectFrom(table)
        .innerJoin('organisation', 'organisation.id', `${table}.organisation_id`)
        .select(`${table}.id as id`)
        .where('organisation.slug', '=', slug)
        .orderBy(`${table}.id`, latest ? 'desc' : 'asc')
        .executeTakeFirstOrThrow()
    ).id
  /** A council's Improvement Notice. */
  const notice = async (slug: string) =>
    (
      await db
        .selectFrom('intervention')
        .innerJoin('organisation', 'organisation.id', 'intervention.organisation_id')
        .select('intervention.id')
        .where('organisation.slug', '=', slug)
        .where('intervention.kind', '=', 'improvement-notice')
        .orderBy('intervention.id')
        .executeTakeFirstOrThrow()
    ).id
  const firstRequirement = async (interventionId: number) =>
    (
      await db
        .selectFrom('intervention_requirement')
        .select('id')
        .where('intervention_id', '=', interventionId)
        .orderBy('position')
        .executeTakeFirstOrThrow()
    ).id
  const firstLink = async (findingId: number) =>
    (
      await db
        .selectFrom('oversight_link')
        .select('id')
        .where('finding_id', '=', findingId)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id
  const bradfordNotice = await notice('bradford')
  const northfieldNotice = await notice('northfield')
  /** The first open finding of a council that has a link (so it can be closed, and its link removed, in a test). */
  const linkedFinding = async (slug: string) =>
    (
      await db
        .selectFrom('oversight_finding as f')
        .innerJoin('oversight_event as v', 'v.id', 'f.event_id')
        .innerJoin('organisation as o', 'o.id', 'v.organisation_id')
        .innerJoin('oversight_link as l', 'l.finding_id', 'f.id')
        .select('f.id')
        .where('o.slug', '=', slug)
        .where('f.closed_on', 'is', null)
        .orderBy('f.id')
        .executeTakeFirstOrThrow()
    ).id
  /** A council's risk by its reference (src/demo/risk-demo.ts). */
  const riskOf = async (slug: string, reference: string) =>
    (
      await db
        .selectFrom('risk')
        .innerJoin('organisation', 'organisation.id', 'risk.organisation_id')
        .select('risk.id')
        .where('organisation.slug', '=', slug)
        .where('risk.reference', '=', reference)
        .executeTakeFirstOrThrow()
    ).id
  /** A Bradford partner request: the first answered with evidence attached, or the one to the police. */
  const bradfordRequest = async (which: 'with-attachment' | 'police') =>
    (
      await db
        .selectFrom('partner_request as r')
        .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
        .leftJoin('organisation as p', 'p.id', 'r.partner_organisation_id')
        .select('r.id')
        .where('o.slug', '=', 'bradford')
        .where((eb) =>
          which === 'police' ? eb('p.slug', '=', 'west-yorkshire-police') : eb('r.attachment_name', 'is not', null),
        )
        .orderBy('r.id')
        .executeTakeFirstOrThrow()
    ).id
  /** Northfield's latest Board meeting: the one planned a few weeks after the demo's day. */
  const northfieldPlannedMeeting = async () =>
    (
      await db
        .selectFrom('board_meeting as m')
        .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
        .select('m.id')
        .where('o.slug', '=', 'northfield')
        .orderBy('m.held_on', 'desc')
        .executeTakeFirstOrThrow()
    ).id
  const adviserMembership = async (slug: string) =>
    (
      await db
        .selectFrom('membership as m')
        .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
        .innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select('m.id')
        .where('o.slug', '=', slug)
        .where('u.email', '=', 'adviser@dfe.example')
        .executeTakeFirstOrThrow()
    ).id
  const bradfordFinding = await linkedFinding('bradford')
  const northfieldFinding = await linkedFinding('northfield')
  /** A council's latest case-file audit round, and the first case of it (src/demo/case-audit-demo.ts). */
  const latestAuditRound = async (slug: string) =>
    (
      await db
        .selectFrom('case_audit_round as r')
        .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
        .select('r.id')
        .where('o.slug', '=', slug)
        .orderBy('r.audit_month', 'desc')
        .executeTakeFirstOrThrow()
    ).id
  const firstAuditedCase = async (roundId: number) =>
    (
      await db
        .selectFrom('case_audit_case')
        .select('id')
        .where('round_id', '=', roundId)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id
  const bradfordAuditRound = await latestAuditRound('bradford')
  const northfieldAuditRound = await latestAuditRound('northfield')
  /** A council's senior post by its title (src/demo/leadership-demo.ts). */
  const leadershipPostOf = async (slug: string, title: string) =>
    (
      await db
        .selectFrom('leadership_post as p')
        .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
        .select('p.id')
        .where('o.slug', '=', slug)
        .where('p.title', '=', title)
        .executeTakeFirstOrThrow()
    ).id
  return {
    bradfordSurveyRound: await firstOf('staff_survey_round', 'bradford', true),
    northfieldSurveyRound: await firstOf('staff_survey_round', 'northfield', true),
    bradfordSurveyQuestion: await firstOf('staff_survey_question', 'bradford'),
    northfieldSurveyQuestion: await firstOf('staff_survey_question', 'northfield'),
    bradfordSurveyImport: await firstOf('staff_survey_import', 'bradford'),
    northfieldSurveyImport: await firstOf('staff_survey_import', 'northfield'),
    bradfordReferenceNote: await firstOf('staff_reference_note', 'bradford'),
    northfieldReferenceNote: await firstOf('staff_reference_note', 'northfield'),
    bradfordVoiceTheme: await firstOf('voice_theme', 'bradford'),
    northfieldVoiceTheme: await firstOf('voice_theme', 'northfield'),
    bradfordVoiceFeedback: await firstOf('voice_feedback', 'bradford'),
    northfieldVoiceFeedback: await firstOf('voice_feedback', 'northfield'),
    bradfordVoiceAction: await firstOf('voice_action', 'bradford'),
    northfieldVoiceAction: await firstOf('voice_action', 'northfield'),
    bradfordAuditRound,
    northfieldAuditRound,
    bradfordAuditedCase: await firstAuditedCase(bradfordAuditRound),
    northfieldAuditedCase: await firstAuditedCase(northfieldAuditRound),
    bradfordPracticeStandard: await firstOf('practice_standard', 'bradford'),
    northfieldPracticeStandard: await firstOf('practice_standard', 'northfield'),
    bradfordLeadershipPost: await leadershipPostOf('bradford', 'Director of Children’s Services'),
    northfieldLeadershipPost: await leadershipPostOf('northfield', 'Director of Children’s Services'),
    bradfordBoardMember: await firstOf('board_member', 'bradford'),
    northfieldBoardMember: await firstOf('board_member', 'northfield'),
    bradfordBoardAction: await firstOf('board_action', 'bradford'),
    northfieldBoardAction: await firstOf('board_action', 'northfield'),
    northfieldPlannedMeeting: await northfieldPlannedMeeting(),
    bradfordRisk: await riskOf('bradford', 'R1'),
    northfieldRisk: await riskOf('northfield', 'NR1'),
    bradfordPartnerOrganisation: await organisationIdOf(db, 'partner'),
    northfieldPartnerOrganisation: await organisationIdOf(db, 'northfield-health'),
    bradfordContribution: await bradfordRequest('with-attachment'),
    bradfordPoliceRequest: await bradfordRequest('police'),
    adviserBradfordMembership: await adviserMembership('bradford'),
    bradfordNotice,
    northfieldNotice,
    bradfordRequirement: await firstRequirement(bradfordNotice),
    northfieldRequirement: await firstRequirement(northfieldNotice),
    bradfordEvent: await firstOf('oversight_event', 'bradford'),
    northfieldEvent: await firstOf('oversight_event', 'northfield'),
    bradfordFinding,
    northfieldFinding,
    bradfordLink: await firstLink(bradfordFinding),
    northfieldLink: await firstLink(northfieldFinding),
    bradfordMeeting: await firstOf('board_meeting', 'bradford'),
    northfieldMeeting: await firstOf('board_meeting', 'northfield'),
    northfieldSelfAssessment: await firstOf('self_assessment', 'northfield'),
    northfieldLockedRound: await northfieldLockedRound(),
    northfieldOpenRequest: await northfieldRequest(false),
    northfieldAnsweredRequest: await northfieldRequest(true),
    northfieldContact: await northfieldContact(),
    bradfordEvidence: await evidence('bradford'),
    northfieldEvidence: await evidence('northfield'),
    draftReport: await report('draft'),
    publishedReport: await report('published'),
    derivedMeasure: await measure('VS-VACANCY-RATE'),
    recordedMeasure: await measure('VS-CASELOAD'),
    ownStrand,
    otherStrand,
    northfieldStrand,
    ownObjective: ownObjective.id,
    otherObjective: otherObjective.id,
    northfieldObjective: northfieldObjective.id,
    ownMilestone: (await firstMilestone(ownObjective.id)).id,
    otherMilestone: (await firstMilestone(otherObjective.id)).id,
    northfieldMilestone: (await firstMilestone(northfieldObjective.id)).id,
    strandLeadUser: await user('strand-lead@bradford.example'),
    viewerUser: await user('councillor@bradford.example'),
    northfieldAdmin: await user('admin@northfield.example'),
  }
}
