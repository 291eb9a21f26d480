// A person's journeys through the plan in a real browser: sign in, update a milestone, publish a version,
// compare it, and the limits of each role. Runs on every database kind.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserJourneys, testDatabaseKinds } from './support.js'
import { paths } from '../../src/web/paths.js'
import { textOf } from './pages/abstract-page.js'
import { AuditPage } from './pages/audit-page.js'
import { ComparePage } from './pages/compare-page.js'
import { CouncilHomePage } from './pages/council-home-page.js'
import { ForbiddenPage } from './pages/forbidden-page.js'
import { MilestoneFormPage } from './pages/milestone-form-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { ObjectivePage } from './pages/objective-page.js'
import { PlanPage } from './pages/plan-page.js'
import { SignInPage } from './pages/sign-in-page.js'
import { VersionPage } from './pages/version-page.js'
import { VersionsPage } from './pages/versions-page.js'

const P = paths.council
const B = 'bradford'
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

for (const kind of testDatabaseKinds()) {
  describe(`plan journeys in the browser on ${kind.name}`, () => {
    const { newPage } = browserJourneys(kind)
    const as = (email: string) => newPage(email)

    it('signs in, updates a milestone, sees it audited, publishes a version and compares it with the last', async () => {
      const page = await as('improvement@bradford.example')
      await CouncilHomePage.verifyOnPage(page, /City of Bradford/)
      const plan = await PlanPage.open(page, B)
      const strand = await plan.openStrand('5')
      const objective = await strand.openFirstObjective()
      const objectiveTitle = await objective.headingText()
      const objectiveUrl = page.url()
      const row = objective.milestoneRows.nth(1)
      const title = await objective.milestoneTitle(row)
      const form = await objective.updateMilestone(row)

      // A bad date first: the error summary appears and what was typed stays.
      await form.setStatus('Complete')
      await form.setDate('Date completed', '31', '2', '2023')
      await form.evidence.fill('Audit of 30 care plans, March 2023')
      await form.save()
      const again = await MilestoneFormPage.verifyOnPage(page)
      assert.ok(await again.errorSummary.isVisible())
      assert.match(await again.errorSummaryText(), /The completion date must be a real date/)
      assert.equal(await again.date('Date completed').day.inputValue(), '31')
      assert.equal(await again.evidence.inputValue(), 'Audit of 30 care plans, March 2023')

      await again.setDate('Date completed', '28', '2', '2023')
      await again.save()
      assert.equal(page.url().split('#')[0], objectiveUrl)
      const saved = await ObjectivePage.verifyOnPage(page, objectiveTitle)
      assert.match(await saved.flashText(), /Milestone saved/)
      const savedRow = saved.milestoneRow(title)
      assert.match(await textOf(savedRow), /Complete\s*on 28 February 2023/)
      assert.match(await textOf(savedRow), /Audit of 30 care plans, March 2023/)

      await saved.addUpdate('Care plans audited: permanence decisions are now made at the second review.')
      const updated = await ObjectivePage.verifyOnPage(page, objectiveTitle)
      assert.match(await textOf(updated.updates.first()), /permanence decisions/)

      const audit = await AuditPage.open(page, B)
      assert.match(await textOf(audit.entries), new RegExp(`Updated milestone ${escape(title.slice(0, 20))}`))

      const versions = await VersionsPage.open(page, B)
      await versions.publish('After the March board')
      const version = await VersionPage.verifyOnPage(page, /Version 3/)
      assert.match(await textOf(version.main), /This version is frozen/)
      const compared = await (await ComparePage.open(page, B)).compare('2', '3')
      const changes = await textOf(compared.changes)
      assert.match(changes, new RegExp(escape(title.slice(0, 20))))
      assert.match(changes, /Completed on/)
    })

    it('shows a strand lead the Update links for their own strand only', async () => {
      const page = await as('strand-lead@bradford.example')
      const own = await (await (await PlanPage.open(page, B)).openStrand('1')).openFirstObjective()
      assert.ok((await own.updateLinks.count()) > 0)
      const other = await (await (await PlanPage.open(page, B)).openStrand('5')).openFirstObjective()
      assert.equal(await other.updateLinks.count(), 0)
      assert.ok((await other.milestoneRows.count()) > 0)
    })

    it('lets a viewer read published versions but not the live plan', async () => {
      const page = await as('councillor@bradford.example')
      const home = await CouncilHomePage.verifyOnPage(page, /City of Bradford/)
      assert.equal(await home.link('Improvement plan').count(), 0)
      const versions = await VersionsPage.open(page, B)
      assert.ok((await versions.versionRows.count()) >= 2)
      const response = await page.goto(P.plan(B))
      assert.equal(response?.status(), 403)
      await ForbiddenPage.verifyOnPage(page)
    })

    it('says "Page not found" for another council, and signing out ends the session', async () => {
      const page = await as('director@bradford.example')
      const response = await page.goto(P.home('northfield'))
      assert.equal(response?.status(), 404)
      await NotFoundPage.verifyOnPage(page)
      const own = await CouncilHomePage.open(page, B, /City of Bradford/)
      await own.signOut()
      await page.goto(P.home(B))
      assert.match(page.url(), /\/sign-in\?returnTo=/)
      await SignInPage.verifyOnPage(page)
    })

    it('keeps the focus on the error summary and the typed email after a failed sign-in', async () => {
      const page = await newPage()
      await (await SignInPage.open(page)).signIn('board@bradford.example', 'not-the-password')
      const signIn = await SignInPage.verifyOnPage(page)
      assert.match(await signIn.errorSummaryText(), /Enter a correct email address and password/)
      assert.equal(await signIn.email.inputValue(), 'board@bradford.example')
      assert.equal(await signIn.password.inputValue(), '')
    })
  })
}
