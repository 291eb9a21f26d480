// A reporting round's journey in a real browser, in the demo's Northfield: the improvement team opens the
// round for the quarter just ended; the strand lead sees only their own items on "My updates" and completes
// every one; the returns rise on the round's page; a reminder to those still outstanding lands on the Sent
// mail page; the team locks the round and the strand lead can no longer change the period. Axe on each page.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { browserJourneys, expectNoAxeViolations, testDatabaseKinds } from './support.js'
import { paths } from '../../src/web/paths.js'
import { submit, textOf, verifyHeading } from './pages/abstract-page.js'
import { ROUNDS_JOURNEY_TEST } from './accessibility-pages.js'
import type { Db } from '../../src/db/connect.js'
import { addDays, quarterOf } from '../../src/shared/calendar.js'
import { todayIso } from '../../src/shared/dates.js'

const N = 'northfield'
const TEAM = 'improvement@northfield.example'
const LEAD = 'strand-lead@northfield.example'

/** "12 of 40 items done (30%)": the done count. */
async function doneCount(page: Page): Promise<{ done: number; total: number }> {
  const match = /(\d+) of (\d+) items done/.exec(await textOf(page.locator('[data-qa="returns-total"]')))
  assert.ok(match, 'the round page shows its returns')
  return { done: Number(match[1]), total: Number(match[2]) }
}

/** The (type, id) of each item linked from My updates. */
async function myItemLinks(page: Page): Promise<Array<{ type: string; id: number; href: string }>> {
  const hrefs = await page
    .locator('[data-qa="my-items"] a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  return hrefs.map((href) => {
    const match = /\/my-updates\/([a-z-]+)\/(\d+)$/.exec(href)
    assert.ok(match, `a My updates link leads to one item: ${href}`)
    return { type: match[1]!, id: Number(match[2]), href }
  })
}

/** Whether the person owns the item, read straight from the tables (not through the app's own rules). */
async function owns(db: Db, userId: number, type: string, id: number): Promise<boolean> {
  if (type === 'strand') {
    const row = await db.selectFrom('strand').select('lead_user_id').where('id', '=', id).executeTakeFirst()
    return row?.lead_user_id === userId
  }
  const table = ({ milestone: 'milestone', objective: 'objective', measure: 'measure' } as const)[
    type as 'milestone' | 'objective' | 'measure'
  ]
  assert.ok(table, `a strand lead owes no ${type}`)
  const row = await db.selectFrom(table).select('owner_user_id').where('id', '=', id).executeTakeFirst()
  return row?.owner_user_id === userId
}

/** Fills in the one short form for the item's type with an ordinary update, and saves it. */
async function completeItem(page: Page, type: string): Promise<void> {
  // A routine milestone update confirms the status shown (a milestone done since is already "Complete").
  if (type === 'milestone') {
    if (!(await page.locator('input[name="status"]:checked').count()))
      await page.getByLabel('On track', { exact: true }).check()
    await page.getByLabel('Progress since the last update (optional)').fill('Checked with the team this week.')
  } else if (type === 'objective')
    await page.getByLabel('Progress this quarter').fill('Audits this month found plans clearer.')
  else if (type === 'measure') await page.locator('#value').fill('12')
  else if (type === 'strand')
    await page
      .getByLabel('Commentary on the strand this quarter')
      .fill('On track overall; one milestone slipped a month.')
  else assert.fail(`no form for ${type}`)
  await submit(page, page.locator('[data-qa="save-update"]'))
  const problems = page.locator('[data-qa="error-summary"]')
  if (await problems.count()) assert.fail(`the ${type} update was refused: ${await textOf(problems)}`)
}

for (const kind of testDatabaseKinds()) {
  describe(`a reporting round in the browser on ${kind.name}`, () => {
    const journeys = browserJourneys(kind)

    it(ROUNDS_JOURNEY_TEST, async () => {
      const db = journeys.app.database.db
      const justEnded = quarterOf(addDays(quarterOf(todayIso()).start, -1))

      // The improvement team opens the round for the quarter just ended, dates worked out for them.
      const team = await journeys.newPage(TEAM)
      await team.goto(paths.council.newRound(N))
      await verifyHeading(team, 'Open a reporting round')
      await team.getByLabel(justEnded.label).check()
      await submit(team, team.locator('[data-qa="choose-quarter"]'))
      await expectNoAxeViolations(team, 'open a round: its dates')
      await submit(team, team.locator('[data-qa="save-round"]'))
      await verifyHeading(team, `${justEnded.label} reporting round`)
      assert.match(await textOf(team.locator('[data-qa="flash"]')), new RegExp(`opened for ${justEnded.label}`))
      await expectNoAxeViolations(team, 'the open round')
      const roundUrl = team.url()
      const before = await doneCount(team)
      assert.ok(before.total > before.done, 'the new round has items outstanding')

      await submit(team, team.locator('[data-qa="change-dates"]'))
      await verifyHeading(team, `Change the ${justEnded.label} round’s dates`)
      await expectNoAxeViolations(team, 'change a round’s dates')

      // The strand lead sees only what they own, and completes it all; each done item leaves the list.
      const lead = await journeys.newPage(LEAD)
      const leadId = (await db.selectFrom('app_user').select('id').where('email', '=', LEAD).executeTakeFirstOrThrow())
        .id
      await lead.goto(paths.council.myUpdates(N))
      await verifyHeading(lead, 'My updates')
      await expectNoAxeViolations(lead, 'my updates')
      const owed = await myItemLinks(lead)
      assert.ok(owed.length >= 5, `the strand lead owes several items (${owed.length})`)
      for (const item of owed)
        assert.ok(await owns(db, leadId, item.type, item.id), `${item.type} ${item.id} is theirs`)
      // Their measures' figures for the quarter are in already (the demo's run to last month), so owe nothing.
      assert.deepEqual([...new Set(owed.map((i) => i.type))].sort(), ['milestone', 'objective', 'strand'])

      let first = true
      for (const [index, item] of owed.entries()) {
        await lead.goto(item.href)
        if (first) await expectNoAxeViolations(lead, `my update: a ${item.type}`)
        first = false
        await completeItem(lead, item.type)
        await verifyHeading(lead, 'My updates')
        const left = owed.length - index - 1
        assert.match(
          await textOf(lead.locator('[data-qa="flash"]')),
          left ? new RegExp(`: ${left} items? left$`) : /nothing left to update$/,
        )
        assert.ok(!(await myItemLinks(lead)).some((i) => i.href === item.href), 'a done item leaves the list')
      }
      assert.match(await textOf(lead.locator('[data-qa="all-done"]')), /updated everything/)

      // The returns have risen by exactly what the strand lead did; the rest are reminded in one action.
      await team.goto(roundUrl)
      const after = await doneCount(team)
      assert.equal(after.total, before.total)
      assert.equal(after.done, before.done + owed.length)
      const leadRow = team.locator('[data-qa="returns-by-person"] tr', { hasText: 'Alex Morgan' })
      assert.match(await textOf(leadRow), /100%/)
      await submit(team, team.locator('[data-qa="remind-outstanding"]'))
      assert.match(await textOf(team.locator('[data-qa="flash"]')), /Reminder sent to \d+ (person|people)/)
      await team.goto(paths.council.sentMail(N))
      const sent = await textOf(team.locator('main'))
      assert.match(sent, /director@northfield\.example/)
      assert.doesNotMatch(sent, /strand-lead@northfield\.example/, 'no reminder to someone with nothing outstanding')

      // Locked: the strand lead can no longer change the quarter.
      await team.goto(roundUrl)
      await submit(team, team.locator('[data-qa="lock-round"]'))
      assert.match(await textOf(team.locator('[data-qa="round-state"]')), /Locked/)
      await lead.goto(owed[0]!.href)
      assert.match(await textOf(lead.locator('[data-qa="blocked"]')), /locked on/)
      assert.equal(await lead.locator('[data-qa="save-update"]').count(), 0, 'no form to save once locked')
    })
  })
}
