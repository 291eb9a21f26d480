// Children's voice over HTTP and in the database: the overview and the evidence rule on the demo; feedback
// recorded (a date of birth refused, what was typed kept), audited; the feedback list's filters and CSV; a theme
// page in plain words with no staff names or codes; actions with their objectives; themes linked to objectives
// (audited) feeding loadChildrenVoiceEvidence; the report's section as at a day; and councils kept apart.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { loadChildrenVoiceEvidence } from './voice-evidence.js'
import { loadChildrenVoiceSection } from './voice-report.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`Children’s voice on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let bradfordTeam: Agent
    let northfieldId: number
    let bradfordId: number
    const today = todayIso()

    const themeId = async (organisationId: number, title: string) =>
      (
        await database.db
          .selectFrom('voice_theme')
          .select('id')
          .where('organisation_id', '=', organisationId)
          .where('title', '=', title)
          .executeTakeFirstOrThrow()
      ).id
    const objectiveId = async (organisationId: number, title: string) =>
      (
        await database.db
          .selectFrom('objective')
          .innerJoin('strand', 'strand.id', 'objective.strand_id')
          .innerJoin('plan', 'plan.id', 'strand.plan_id')
          .select('objective.id')
          .where('plan.organisation_id', '=', organisationId)
          .where('objective.title', '=', title)
          .executeTakeFirstOrThrow()
      ).id
    const auditOf = (entityType: string, id: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@northfield.example')
      board = await signedIn(app, 'board@northfield.example')
      bradfordTeam = await signedIn(app, 'improvement@bradford.example')
      northfieldId = await organisationIdOf(database.db, N)
      bradfordId = await organisationIdOf(database.db, B)
    })
    after(() => database.close())

    it('shows the demo’s themes with the direction of the six months to today', async () => {
      const page = await board.get(P.childrenVoice(N)).expect(200)
      // Knowing my social worker, in the six months: 150, 96 and 41 days ago positive, 12 days ago mixed.
      const worker = await themeId(northfieldId, 'Knowing my social worker')
      const row = page.text.slice(page.text.indexOf(`id="voice-theme-${worker}"`))
      assert.match(row.slice(0, 2000), /4 items heard in the six months to .*: 3 positive, 1 mixed, 0 negative/)
      assert.match(row.slice(0, 2000), /Improving/)
      // The Board reads it but has no change links.
      assert.doesNotMatch(page.text, /data-qa="add-feedback"/)
      assert.doesNotMatch(page.text, /Link objectives/)
    })

    it('gives one evidence entry per linked objective: improving, worsening and no change as the rule says', async () => {
      const evidence = await loadChildrenVoiceEvidence(database.db, northfieldId, today)
      const voices = await objectiveId(northfieldId, 'Hear children’s voices in visits and reviews')
      const family = await themeId(northfieldId, 'Contact with family')
      const entry = evidence.find((e) => e.objectiveId === voices && e.anchor === `voice-theme-${family}`)
      assert.ok(entry)
      // Contact with family: 120, 64 and 27 days ago, all negative (205 days ago is outside the six months).
      assert.equal(entry.direction, 'worsening')
      assert.equal(entry.current, true)
      assert.equal(entry.kind, 'children-voice')
      assert.match(entry.detail, /^3 items heard in the six months to .*: 0 positive, 0 mixed, 3 negative$/)
      // "Where I live" is linked to nothing, so gives no entry; the links are 2 + 2 + 1 + 0 + 1 = 6 in all.
      const home = await themeId(northfieldId, 'Where I live')
      assert.equal(evidence.filter((e) => e.anchor === `voice-theme-${home}`).length, 0)
      assert.equal(evidence.length, 6)
      // A year before, no links had been made (the demo makes them 270 days ago).
      assert.deepEqual(await loadChildrenVoiceEvidence(database.db, northfieldId, addDays(today, -365)), [])
    })

    it('refuses a summary with a date of birth, keeping what was typed, then records the feedback, audited', async () => {
      const theme = await themeId(northfieldId, 'Where I live')
      const fields = {
        ...dateFields('heardOn', addDays(today, -2)),
        source: 'participation-event',
        themeId: String(theme),
        summary: 'A girl, DOB 04/05/2013, said her room is cold',
        tone: 'negative',
        childrenCount: '3',
      }
      const refused = await postForm(team, P.newVoiceFeedback(N), P.newVoiceFeedback(N), fields)
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Remove the date of birth/)
      assert.match(refused.text, /A girl, DOB 04\/05\/2013, said her room is cold<\/textarea>/)
      assert.match(refused.text, /value="participation-event" checked/)
      assert.match(refused.text, /id="childrenCount" name="childrenCount" type="text" spellcheck="false" value="3"/)
      const saved = await postForm(team, P.newVoiceFeedback(N), P.newVoiceFeedback(N), {
        ...fields,
        summary: 'Children at the event said their rooms are cold in winter',
      })
      assert.equal(saved.status, 302)
      const row = await database.db
        .selectFrom('voice_feedback')
        .selectAll()
        .where('summary', '=', 'Children at the event said their rooms are cold in winter')
        .executeTakeFirstOrThrow()
      assert.equal(row.organisation_id, northfieldId)
      assert.equal(row.children_count, 3)
      assert.equal(row.heard_on, addDays(today, -2))
      const audit = await auditOf('voice-feedback', row.id)
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create'],
      )
    })

    it('changes an item: an empty summary is refused keeping the other fields typed; the change is audited', async () => {
      const item = await database.db
        .selectFrom('voice_feedback')
        .selectAll()
        .where('organisation_id', '=', northfieldId)
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const url = P.editVoiceFeedback(N, item.id)
      const fields = {
        ...dateFields('heardOn', item.heard_on),
        source: 'survey',
        themeId: String(item.theme_id),
        summary: '  ',
        tone: 'mixed',
        childrenCount: '12',
      }
      const refused = await postForm(team, url, url, fields)
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Enter what children said/)
      assert.match(refused.text, /value="survey" checked/)
      assert.match(refused.text, /value="mixed" checked/)
      const saved = await postForm(team, url, url, {
        ...fields,
        summary: 'Children said they see their worker more often',
      })
      assert.equal(saved.status, 302)
      const after = await database.db
        .selectFrom('voice_feedback')
        .selectAll()
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow()
      assert.equal(after.source, 'survey')
      assert.equal(after.children_count, 12)
      const audit = await auditOf('voice-feedback', item.id)
      assert.equal(audit.at(-1)!.action, 'update')
      assert.deepEqual((audit.at(-1)!.before as { summary: string }).summary, item.summary)
    })

    it('answers 404 to a POST for another council’s item, theme or action, changing nothing', async () => {
      const item = await database.db
        .selectFrom('voice_feedback')
        .selectAll()
        .where('organisation_id', '=', northfieldId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      const theme = await themeId(northfieldId, 'Leaving care')
      const action = await database.db
        .selectFrom('voice_action')
        .select('id')
        .where('organisation_id', '=', northfieldId)
        .executeTakeFirstOrThrow()
      const page = P.voiceFeedback(B)
      for (const url of [
        P.editVoiceFeedback(B, item.id),
        P.editVoiceTheme(B, theme),
        P.voiceThemeObjectives(B, theme),
        P.editVoiceAction(B, action.id),
      ]) {
        const res = await postForm(bradfordTeam, page, url, {
          ...dateFields('heardOn', today),
          source: 'survey',
          themeId: String(theme),
          summary: 'Changed from Bradford',
          tone: 'positive',
          title: 'Changed from Bradford',
          description: 'x',
        })
        assert.equal(res.status, 404, url)
      }
      const still = await database.db
        .selectFrom('voice_feedback')
        .selectAll()
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow()
      assert.equal(still.summary, item.summary)
      assert.equal(
        (await database.db.selectFrom('voice_theme').select('title').where('id', '=', theme).executeTakeFirstOrThrow())
          .title,
        'Leaving care',
      )
    })

    it('refuses a theme of another council on the feedback form', async () => {
      const bradfordTheme = await themeId(bradfordId, 'Having a say')
      const refused = await postForm(team, P.newVoiceFeedback(N), P.newVoiceFeedback(N), {
        ...dateFields('heardOn', today),
        source: 'survey',
        themeId: String(bradfordTheme),
        summary: 'Anything',
        tone: 'mixed',
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Choose a theme/)
    })

    it('filters the list by tone and period, and the CSV follows the filter', async () => {
      const page = await board.get(`${P.voiceFeedback(N)}?tone=negative&period=3`).expect(200)
      const rows = page.text.match(/data-qa="feedback-row"/g) ?? []
      // Negative in the last three months: 64, 55 and 27 days ago in the demo, and the one added 2 days ago.
      assert.equal(rows.length, 4)
      assert.doesNotMatch(page.text, /data-qa="tone">(Positive|Mixed)</)
      assert.match(page.text, /feedback\.csv\?tone=negative&amp;period=3/)
      const csv = await board.get(`${P.voiceFeedbackCsv(N)}?tone=negative&period=3`).expect(200)
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/)
      const lines = csv.text.trim().split('\r\n')
      assert.equal(lines[0], 'heard_on,theme,source,tone,children,summary')
      assert.equal(lines.length, 5)
      assert.ok(lines.slice(1).every((l) => l.split(',')[3] === 'negative'))
      const all = await board.get(P.voiceFeedbackCsv(N)).expect(200)
      assert.equal(all.text.trim().split('\r\n').length, 1 + 21)
    })

    it('keeps councils apart: Bradford’s list and CSV hold only Bradford’s items; Northfield’s pages are not found', async () => {
      const csv = await bradfordTeam.get(P.voiceFeedbackCsv(B)).expect(200)
      const lines = csv.text.trim().split('\r\n')
      assert.equal(lines.length, 2)
      assert.match(lines[1]!, /^2022-01-31,Having a say,Other,positive,/)
      const northfieldTheme = await themeId(northfieldId, 'Knowing my social worker')
      await bradfordTeam.get(P.voiceTheme(B, northfieldTheme)).expect(404)
      await bradfordTeam.get(P.voiceTheme(N, northfieldTheme)).expect(404)
      // A filter naming another council's theme is ignored: every Bradford item still shows.
      const page = await bradfordTeam.get(`${P.voiceFeedback(B)}?theme=${northfieldTheme}`).expect(200)
      assert.equal((page.text.match(/data-qa="feedback-row"/g) ?? []).length, 1)
    })

    it('shows a theme page in plain words, with “you said, we did”, no staff names and no codes', async () => {
      const worker = await themeId(northfieldId, 'Knowing my social worker')
      const page = await team.get(P.voiceTheme(N, worker)).expect(200)
      const start = page.text.indexOf('data-qa="for-children"')
      const body = page.text.slice(start, page.text.indexOf('</main>'))
      assert.ok(start > 0)
      assert.match(body, /<h1 class="govuk-heading-xl" data-qa="page-heading">Knowing my social worker<\/h1>/)
      assert.match(body, /Most of what you told us was good\./)
      assert.match(
        body,
        /You said<\/h3>\s*<p class="govuk-body">When our social worker changes, we have to tell our story again\./,
      )
      assert.match(body, /We did<\/h3>/)
      // Every demo account's name is a staff name: none appears; nor a strand code, an objective or a status word.
      const names = await database.db.selectFrom('app_user').select('display_name').execute()
      for (const { display_name } of names) assert.ok(!body.includes(display_name), display_name)
      assert.doesNotMatch(body, /Strand|objective|in-progress|advocacy-app|negative|positive/i)
      // Feedback is shown by month, not by day.
      assert.doesNotMatch(
        body,
        /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
      )
    })

    it('adds an action: a done action needs its date (what was typed kept), then saved with its objectives, audited', async () => {
      const theme = await themeId(northfieldId, 'Where I live')
      const objective = await objectiveId(northfieldId, 'Hear children’s voices in visits and reviews')
      const fields = {
        youSaid: 'Our rooms are cold in winter.',
        weDid: 'Every carer now has money for heating.',
        themeId: String(theme),
        status: 'done',
        objectiveIds: String(objective),
      }
      const refused = await postForm(team, P.newVoiceAction(N), P.newVoiceAction(N), fields)
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Enter the date it was done/)
      assert.match(refused.text, /Our rooms are cold in winter\.<\/textarea>/)
      assert.match(refused.text, new RegExp(`value="${objective}" checked`))
      const saved = await postForm(team, P.newVoiceAction(N), P.newVoiceAction(N), {
        ...fields,
        ...dateFields('doneOn', today),
      })
      assert.equal(saved.status, 302)
      const row = await database.db
        .selectFrom('voice_action')
        .selectAll()
        .where('you_said', '=', 'Our rooms are cold in winter.')
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'done')
      assert.equal(row.done_on, today)
      const links = await database.db
        .selectFrom('voice_action_objective')
        .selectAll()
        .where('action_id', '=', row.id)
        .execute()
      assert.deepEqual(
        links.map((l) => l.objective_id),
        [objective],
      )
      assert.equal((await auditOf('voice-action', row.id))[0]!.action, 'create')
      // The theme page shows it under "We did".
      const page = await team.get(P.voiceTheme(N, theme)).expect(200)
      assert.match(page.text, /Every carer now has money for heating\./)
    })

    it('links a theme to objectives (audited) and refuses another council’s objective', async () => {
      const home = await themeId(northfieldId, 'Where I live')
      const objective = await objectiveId(
        northfieldId,
        'Stay in touch with care leavers and help them into homes and work',
      )
      const bradfordObjective = await objectiveId(bradfordId, 'Digital participation for children')
      const refused = await postForm(team, P.voiceThemeObjectives(N, home), P.voiceThemeObjectives(N, home), {
        objectiveIds: String(bradfordObjective),
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Choose objectives from the council’s current plan/)
      const saved = await postForm(team, P.voiceThemeObjectives(N, home), P.voiceThemeObjectives(N, home), {
        objectiveIds: String(objective),
      })
      assert.equal(saved.status, 302)
      const audit = await auditOf('voice-theme', home)
      assert.equal(audit.at(-1)!.action, 'link')
      const evidence = await loadChildrenVoiceEvidence(database.db, northfieldId, today)
      const entry = evidence.find((e) => e.anchor === `voice-theme-${home}`)
      assert.ok(entry)
      assert.equal(entry.objectiveId, objective)
      assert.equal(entry.label, 'Children and young people: Where I live')
    })

    it('refuses a theme name already in use, keeping what was typed', async () => {
      const refused = await postForm(team, P.newVoiceTheme(N), P.newVoiceTheme(N), {
        title: 'where i live',
        description: 'Your home.',
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Another theme already has this name/)
      assert.match(refused.text, /value="where i live"/)
    })

    it('builds the report’s section as at a day, leaving out what was recorded later', async () => {
      const quarter = quarterOf(today)
      const section = await loadChildrenVoiceSection(database.db, northfieldId, quarter, today)
      assert.ok(section)
      assert.equal(section.quarterLabel, quarter.label)
      assert.ok(section.heard >= 1)
      // The Bradford section for its 2022/23 Q3 (October to December 2022): the action done on 18 November 2022.
      const bradford = await loadChildrenVoiceSection(database.db, bradfordId, quarterOf('2022-11-01'), '2022-12-31')
      assert.ok(bradford)
      assert.equal(bradford.heard, 0)
      assert.deepEqual(
        bradford.done.map((a) => a.doneOn),
        ['2022-11-18'],
      )
      // Before the theme was recorded (1 April 2022) there was nothing.
      assert.equal(await loadChildrenVoiceSection(database.db, bradfordId, quarterOf('2022-01-01'), '2022-03-31'), null)
    })
  })
}
