// A person's journeys through the plan in a real browser: sign in, update a milestone, publish a version,
// compare it, and the limits of each role. Runs on every database kind.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, signIn, startApp, testDatabaseKinds, type RunningApp } from './support.js'
import { CouncilPages, MilestoneForm, PlanPage, VersionsPage, submit } from './pages/pages.js'

for (const kind of testDatabaseKinds()) {
  describe(`plan journeys in the browser on ${kind.name}`, () => {
    let app: RunningApp
    let browser: Browser
    const contexts: BrowserContext[] = []

    before(async () => {
      app = await startApp(kind)
      browser = await launchBrowser()
    })
    after(async () => {
      await browser?.close()
      await app?.stop()
    })

    async function as(email: string): Promise<Page> {
      const context = await browser.newContext()
      contexts.push(context)
      const page = await context.newPage()
      await signIn(page, app.baseUrl, email)
      return page
    }

    it('signs in, updates a milestone, sees it audited, publishes a version and compares it with the last', async () => {
      const page = await as('improvement@bradford.example')
      assert.match((await page.locator('h1').textContent()) ?? '', /City of Bradford/)
      const plan = new PlanPage(page, app.baseUrl)
      await plan.openStrand('5')
      await plan.openFirstObjective()
      const objectiveUrl = page.url()
      const row = plan.milestoneRows().nth(1)
      const title = (await row.locator('td').first().textContent())!.trim()
      await submit(page, row.locator('[data-qa="update-milestone"]'))

      // A bad date first: the error summary appears and what was typed stays.
      const form = new MilestoneForm(page)
      await form.setStatus('Complete')
      await form.setDate('completedOn', '31', '2', '2023')
      await form.setEvidence('Audit of 30 care plans, March 2023')
      await form.save()
      assert.ok(await plan.errorSummary().isVisible())
      assert.match((await plan.errorSummary().textContent()) ?? '', /The completion date must be a real date/)
      assert.equal(await page.locator('#completedOn-day').inputValue(), '31')
      assert.equal(await page.locator('#evidence').inputValue(), 'Audit of 30 care plans, March 2023')

      await form.setDate('completedOn', '28', '2', '2023')
      await form.save()
      assert.equal(page.url().split('#')[0], objectiveUrl)
      assert.match((await plan.banner().textContent()) ?? '', /Milestone saved/)
      const saved = plan.milestoneRows().filter({ hasText: title })
      assert.match((await saved.textContent()) ?? '', /Complete\s*on 28 February 2023/)
      assert.match((await saved.textContent()) ?? '', /Audit of 30 care plans, March 2023/)

      await page.locator('#body').fill('Care plans audited: permanence decisions are now made at the second review.')
      await submit(page, page.locator('[data-qa="add-update"]'))
      assert.match((await page.locator('[data-qa="update"]').first().textContent()) ?? '', /permanence decisions/)

      await plan.open('/audit')
      assert.match(
        (await page.locator('[data-qa="audit-entries"]').textContent()) ?? '',
        new RegExp(`Updated milestone ${title.slice(0, 20)}`),
      )

      const versions = new VersionsPage(page, app.baseUrl)
      await versions.publish('After the March board')
      assert.match((await versions.heading().textContent()) ?? '', /Version 3/)
      assert.match((await page.locator('main').textContent()) ?? '', /This version is frozen/)
      await versions.compare('2', '3')
      const changes = (await versions.changes().textContent()) ?? ''
      assert.match(changes, new RegExp(title.slice(0, 20)))
      assert.match(changes, /Completed on/)
    })

    it('shows a strand lead the Update links for their own strand only', async () => {
      const page = await as('strand-lead@bradford.example')
      const plan = new PlanPage(page, app.baseUrl)
      await plan.openStrand('1')
      await plan.openFirstObjective()
      assert.ok((await plan.updateLinks().count()) > 0)
      await plan.openStrand('5')
      await plan.openFirstObjective()
      assert.equal(await plan.updateLinks().count(), 0)
      assert.ok((await plan.milestoneRows().count()) > 0)
    })

    it('lets a viewer read published versions but not the live plan', async () => {
      const page = await as('councillor@bradford.example')
      const pages = new CouncilPages(page, app.baseUrl)
      assert.equal(await page.getByRole('link', { name: 'Improvement plan' }).count(), 0)
      await pages.open('/plan/versions')
      assert.ok((await page.locator('[data-qa="versions"] tbody tr').count()) >= 2)
      const response = await pages.open('/plan')
      assert.equal(response?.status(), 403)
      assert.match((await pages.heading().textContent()) ?? '', /You do not have permission/)
    })

    it('says "Page not found" for another council, and signing out ends the session', async () => {
      const page = await as('director@bradford.example')
      const pages = new CouncilPages(page, app.baseUrl, 'northfield')
      const response = await pages.open()
      assert.equal(response?.status(), 404)
      assert.match((await pages.heading().textContent()) ?? '', /Page not found/)
      const own = new CouncilPages(page, app.baseUrl)
      await own.open()
      await own.signOut()
      await own.open()
      assert.match(page.url(), /\/sign-in\?returnTo=/)
    })

    it('keeps the focus on the error summary and the typed email after a failed sign-in', async () => {
      const context = await browser.newContext()
      contexts.push(context)
      const page = await context.newPage()
      await signIn(page, app.baseUrl, 'board@bradford.example', 'not-the-password')
      assert.match(
        (await page.locator('.govuk-error-summary').textContent()) ?? '',
        /Enter a correct email address and password/,
      )
      assert.equal(await page.locator('#email').inputValue(), 'board@bradford.example')
      assert.equal(await page.locator('#password').inputValue(), '')
    })
  })
}
