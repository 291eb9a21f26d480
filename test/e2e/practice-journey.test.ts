// Evidence from practice in a real browser, in the demo's Northfield (dated from today): the improvement team
// goes from the top navigation to each source: a staff survey question's trend with its significance test,
// a theme of children's feedback as children see it with "you said, we did", the audit rounds' percentage good
// or better over time and the success measure they feed, a practice standard against its statutory minimum
// with the extra visits it takes, and the senior team's stability. They link leadership stability to an
// objective, whose impact rating then counts it; and the draft report for this quarter has every source in its
// "Evidence from practice" section. Every page is checked with axe.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserJourneys, expectNoAxeViolations, testDatabaseKinds } from './support.js'
import { paths } from '../../src/web/paths.js'
import { submit, textOf, verifyHeading } from './pages/abstract-page.js'
import { PRACTICE_JOURNEY_TEST } from './accessibility-pages.js'

const P = paths.council
const N = 'northfield'
const TEAM = 'improvement@northfield.example'

for (const kind of testDatabaseKinds()) {
  describe(`evidence from practice in the browser on ${kind.name}`, () => {
    const journeys = browserJourneys(kind)

    it(PRACTICE_JOURNEY_TEST, async () => {
      const db = journeys.app.database.db
      const northfield = await db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', N)
        .executeTakeFirstOrThrow()
      // An objective of the live plan not yet linked to leadership stability.
      const objective = await db
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .select(['objective.id', 'objective.title'])
        .where('plan.organisation_id', '=', northfield.id)
        .where('objective.status', '=', 'active')
        .where('objective.id', 'not in', (eb) => eb.selectFrom('leadership_objective').select('objective_id'))
        .orderBy('objective.id')
        .executeTakeFirstOrThrow()
      const draft = await db
        .selectFrom('report')
        .select('id')
        .where('organisation_id', '=', northfield.id)
        .where('status', '=', 'draft')
        .orderBy('quarter_start', 'desc')
        .executeTakeFirstOrThrow()

      const team = await journeys.newPage(TEAM)
      await team.goto(P.home(N))
      await submit(team, team.getByRole('link', { name: 'Practice', exact: true }).first())
      await verifyHeading(team, 'Evidence from practice')
      await expectNoAxeViolations(team, 'the evidence from practice page')

      // Staff surveys: a question's trend, with the test that says whether a change is more than chance.
      await submit(team, team.getByRole('link', { name: 'Staff surveys and the staff reference group' }))
      await expectNoAxeViolations(team, 'staff surveys')
      const question = team.locator('[data-qa="survey-question-row"] a').first()
      await submit(team, question)
      await expectNoAxeViolations(team, 'a survey question')
      const trend = await team.locator('main').innerText()
      assert.match(trend, /favourable/i)
      assert.match(trend, /z-test/, 'names the test behind "significant"')

      // Children and young people: a theme as children see it, with "you said, we did".
      await team.goto(P.childrenVoice(N))
      await expectNoAxeViolations(team, 'children and young people')
      await submit(team, team.locator('main table a[href*="/practice/children/themes/"]').first())
      await expectNoAxeViolations(team, 'a theme for children')
      assert.ok(await team.locator('[data-qa="for-children"]').isVisible())
      assert.match(await textOf(team.locator('main')), /You said/)

      // Case-file audits: good or better over the rounds, feeding a success measure with SPC.
      await team.goto(P.caseAudits(N))
      await expectNoAxeViolations(team, 'case-file audits')
      const rounds = await textOf(team.locator('[data-qa="audit-rounds"]'))
      assert.match(rounds, /40\.0%/, 'the first round of the demo')
      assert.match(rounds, /64\.3%/, 'the latest round of the demo')
      await submit(team, team.locator('[data-qa="measure-link"] a').first())
      await verifyHeading(team, 'Case-file audits: percentage good or better')

      // Practice standards: the local standard beside the statutory minimum, and what the difference costs.
      await team.goto(P.practiceStandards(N))
      await expectNoAxeViolations(team, 'practice standards')
      assert.match(await textOf(team.locator('[data-qa="exceeding-count"]')), /^2 of 3 standards are set above/)
      await submit(team, team.getByRole('link', { name: 'Visits to children in care', exact: true }))
      await expectNoAxeViolations(team, 'a practice standard')
      // 273 children, every 4 weeks against every 6: 273 x (30.4375 / 28 - 30.4375 / 42) = 98.9 a month.
      assert.match(await textOf(team.locator('main')), /98\.9 extra visits a month/)

      // Leadership stability: the share of senior posts held permanently and the churn.
      await team.goto(P.leadership(N))
      await expectNoAxeViolations(team, 'leadership stability')
      assert.match(await textOf(team.locator('[data-qa="share-detail"]')), /^7 of 8 senior posts; 4 of 8/)

      // Linking leadership stability to an objective brings it into that objective's impact rating.
      await submit(team, team.getByRole('button', { name: 'Link objectives' }))
      await expectNoAxeViolations(team, 'linking objectives to leadership stability')
      await team.getByLabel(objective.title, { exact: false }).first().check()
      await submit(team, team.getByRole('button', { name: 'Save links' }))
      await team.goto(P.objectiveEvidence(N, objective.id))
      assert.match(
        await textOf(team.locator('[data-qa="impact-practice"]')),
        /Leadership stability[\s\S]*7 of 8 senior posts held permanently/,
      )
      assert.match(await textOf(team.locator('[data-qa="impact-reasons"]')), /Leadership stability/)
      await expectNoAxeViolations(team, 'an objective’s evidence with practice evidence')

      // The draft report for this quarter has every source in "Evidence from practice".
      await team.goto(P.report(N, draft.id))
      for (const id of [
        'practice',
        'staff-surveys',
        'children-voice',
        'case-audits',
        'practice-standards',
        'leadership',
      ])
        assert.equal(await team.locator(`#${id}`).count(), 1, `the report has #${id}`)
      assert.equal(await team.locator('[data-qa="practice-missing"]').count(), 0, 'no source is missing')
    })
  })
}
