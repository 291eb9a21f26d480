// Every page of the app, checked with axe-core (WCAG 2.0-2.2, A and AA) in Debian's Chromium: each page in
// accessibility-pages.ts as the person it names, then pages showing validation errors and the results of
// actions. Runs on every database kind. With PostgreSQL as well as PGlite, the pages and the checks of errors and
// actions are shared between them (alternate ones on each): a page's markup does not depend on the database, the
// sweep is the longest browser job, and checking everything twice brought CI near its 20 minutes. Each page and
// check still runs once, and each database serves half of them; the journeys run on both.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expectNoAxeViolations, launchBrowser, startApp, testDatabaseKinds, type RunningApp } from './support.js'
import { demoIds } from '../../src/test-support/demo-ids.js'
import { fullPattern, link, type AnyRoute } from '../../src/test-support/route-walk.js'
import {
  ACCESSIBILITY_PAGES,
  ACCOUNT_LINKS_TEST,
  DEMO_HEADINGS,
  IMPORT_PREVIEW_TEST,
  PAGES_CHECKED_BY_INTERACTION,
  SENT_MAIL_TEST,
  type PageCheck,
} from './accessibility-pages.js'
import { textOf, verifyHeading } from './pages/abstract-page.js'
import { AuditPage } from './pages/audit-page.js'
import { ChoosePasswordPage } from './pages/choose-password-page.js'
import { ForgotPasswordPage } from './pages/forgot-password-page.js'
import { ImportPage } from './pages/import-page.js'
import { ImportPreviewPage } from './pages/import-preview-page.js'
import { MeasurePage } from './pages/measure-page.js'
import { MilestoneFormPage } from './pages/milestone-form-page.js'
import { NationalDataPage } from './pages/national-data-page.js'
import { NewUserPage } from './pages/new-user-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { ObjectivePage } from './pages/objective-page.js'
import { PartnerRequestsPage } from './pages/partner-requests-page.js'
import { ReportPage } from './pages/report-page.js'
import { SignInPage } from './pages/sign-in-page.js'
import { SentMailPage } from './pages/sent-mail-page.js'
import { queueMail } from '../../src/mail/outbox.js'
import { sendDueMail } from '../../src/mail/mail-worker.js'
import { outboxTransport } from '../../src/mail/transports.js'
import { StrandFormPage } from './pages/strand-form-page.js'

const B = 'bradford'

/** The list's pages grouped by the person who opens them (in the order each first appears), '' for nobody. */
function byPerson(checks: PageCheck[]): Map<string, PageCheck[]> {
  const groups = new Map<string, PageCheck[]>()
  for (const check of checks) groups.set(check.as ?? '', [...(groups.get(check.as ?? '') ?? []), check])
  return groups
}

/** The pages this database kind checks: all of them alone, or every other one when both kinds run. */
function pagesFor(kindName: string, checks: PageCheck[], bothKinds: boolean): PageCheck[] {
  if (!bothKinds) return checks
  const first = kindName === 'pglite' ? 0 : 1
  return checks.filter((_check, index) => index % 2 === first)
}

/** Fails unless the browser is on a page of the route. */
function assertOnRoute(page: Page, route: AnyRoute): void {
  const pattern = fullPattern(route).replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')
  assert.match(new URL(page.url()).pathname, new RegExp(`^${pattern}$`), `expected a page of ${fullPattern(route)}`)
}

describe('sharing the pages between the database kinds', () => {
  it('checks each page once between them, and every page with PGlite alone', () => {
    const shared = [
      ...pagesFor('pglite', ACCESSIBILITY_PAGES, true),
      ...pagesFor('postgres', ACCESSIBILITY_PAGES, true),
    ]
    assert.equal(shared.length, ACCESSIBILITY_PAGES.length)
    assert.deepEqual(new Set(shared), new Set(ACCESSIBILITY_PAGES))
    assert.equal(pagesFor('pglite', ACCESSIBILITY_PAGES, false), ACCESSIBILITY_PAGES)
  })
})

for (const kind of testDatabaseKinds()) {
  describe(`accessibility of every page on ${kind.name}`, () => {
    let app: RunningApp
    let browser: Browser
    const bothKinds = process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== ''
    let ids: Awaited<ReturnType<typeof demoIds>>

    before(async () => {
      app = await startApp(kind, { national: true })
      browser = await launchBrowser()
      ids = await demoIds(app.database.db)
    })
    after(async () => {
      await browser?.close()
      await app?.stop()
    })

    /** A browser of its own (its own cookies), where links from paths lead to the app; signed in if asked. */
    async function newContext(email?: string): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ baseURL: app.baseUrl })
      const page = await context.newPage()
      if (email) await SignInPage.signInAs(page, email)
      return { context, page }
    }

    for (const [person, checks] of byPerson(pagesFor(kind.name, ACCESSIBILITY_PAGES, bothKinds))) {
      describe(person ? `pages seen by ${person}` : 'pages seen signed out', () => {
        let context: BrowserContext | undefined
        let page: Page
        before(async () => {
          ;({ context, page } = await newContext(person || undefined))
        })
        after(async () => {
          await context?.close()
        })

        for (const check of checks) {
          it(`${fullPattern(check.route)}${check.query ?? ''}: ${String(check.heading)}`, async () => {
            const url = link(check.route, check.args(ids)) + (check.query ?? '')
            const response = await page.goto(url)
            const status = check.status ?? 200
            assert.equal(response?.status(), status, `${url} returned ${response?.status()}`)
            await verifyHeading(page, check.heading)
            await expectNoAxeViolations(page, url)
          })
        }
      })
    }

    describe('pages showing errors and the results of actions', () => {
      // Shared between the database kinds like the pages above: each check runs once, alternating kinds.
      let order = 0
      const shared = (name: string, check: () => Promise<void>) => {
        const index = order++
        if (!bothKinds || index % 2 === (kind.name === 'pglite' ? 0 : 1)) it(name, check)
      }
      const contexts: BrowserContext[] = []
      afterEach(async () => {
        for (const c of contexts.splice(0)) await c.close()
      })
      async function newPage(email?: string): Promise<Page> {
        const { context, page } = await newContext(email)
        contexts.push(context)
        return page
      }

      shared('the sign-in page with errors', async () => {
        const page = await newPage()
        await (await SignInPage.open(page)).signIn('', '')
        const signIn = await SignInPage.verifyOnPage(page)
        assert.ok(await signIn.errorSummary.isVisible())
        await expectNoAxeViolations(page, 'sign-in with errors')
      })

      shared('forms showing errors', async () => {
        const page = await newPage('improvement@bradford.example')
        const form = await MilestoneFormPage.openEdit(page, B, ids.otherMilestone)
        await form.milestoneTitle.fill('')
        await form.date('Due date').day.fill('40')
        await form.save()
        const milestone = await MilestoneFormPage.verifyOnPage(page)
        assert.ok(await milestone.errorSummary.isVisible())
        await expectNoAxeViolations(page, 'milestone form with errors')

        const objective = await ObjectivePage.open(page, B, ids.otherObjective, DEMO_HEADINGS.otherObjective)
        await objective.addUpdate('')
        const withError = await ObjectivePage.verifyOnPage(page, DEMO_HEADINGS.otherObjective)
        assert.ok(await withError.errorSummary.isVisible())
        await expectNoAxeViolations(page, 'objective page with an error')

        await (await StrandFormPage.openNew(page, B)).save()
        await StrandFormPage.verifyOnPage(page)
        await expectNoAxeViolations(page, 'new strand with errors')

        await (await MeasurePage.open(page, B, ids.recordedMeasure, DEMO_HEADINGS.recordedMeasure)).saveValue()
        const measure = await MeasurePage.verifyOnPage(page, DEMO_HEADINGS.recordedMeasure)
        assert.ok(await measure.errorSummary.isVisible())
        await expectNoAxeViolations(page, 'measure page with an error')
      })

      shared(IMPORT_PREVIEW_TEST, async () => {
        const previewRoute = PAGES_CHECKED_BY_INTERACTION.find((p) => p.test === IMPORT_PREVIEW_TEST)!.route
        const page = await newPage('improvement@bradford.example')
        const upload = async (content: string) => (await ImportPage.open(page, B)).upload('values.csv', content)

        await upload('measure_code,period,value\nNOPE,2021-12,1\nVS-CASELOAD,2021-13,x\n')
        const problems = await ImportPreviewPage.verifyOnPage(page)
        assertOnRoute(page, previewRoute)
        assert.equal(await problems.problems.count(), 3)
        await expectNoAxeViolations(page, 'import preview with problems')

        await upload('measure_code,period,value\nVS-CASELOAD,2021-12,17\n')
        const ready = await ImportPreviewPage.verifyOnPage(page)
        assertOnRoute(page, previewRoute)
        assert.ok(await ready.confirmButton.isVisible())
        await expectNoAxeViolations(page, 'import preview ready to confirm')

        await upload('')
        const again = await ImportPage.verifyOnPage(page)
        assert.ok(await again.errorSummary.isVisible())
        await expectNoAxeViolations(page, 'upload error')
      })

      shared('a draft report and partner requests showing errors', async () => {
        const page = await newPage('improvement@bradford.example')
        await (await ReportPage.open(page, B, ids.draftReport)).setStatusByHand('Red: off track') // no reason given
        const report = await ReportPage.verifyOnPage(page)
        await report.waitForErrorSummary()
        await expectNoAxeViolations(page, 'report with an error')

        await (await PartnerRequestsPage.open(page, B)).saveRequest()
        const requests = await PartnerRequestsPage.verifyOnPage(page)
        await requests.waitForErrorSummary()
        await expectNoAxeViolations(page, 'partner requests with errors')
      })

      shared('loading national data and linking a council, with errors', async () => {
        const page = await newPage('service@turnaround.example')
        await (await NationalDataPage.open(page)).loadRelease()
        await (await NationalDataPage.verifyOnPage(page)).waitForErrorSummary()
        await expectNoAxeViolations(page, 'national data with an error')

        await (await NationalDataPage.open(page)).linkCouncil()
        await (await NationalDataPage.verifyOnPage(page)).waitForErrorSummary()
        await expectNoAxeViolations(page, 'linking a council with nothing chosen')
      })

      shared('the audit trail with a bad date', async () => {
        const page = await newPage('admin@bradford.example')
        await (await AuditPage.open(page, B, { from: 'yesterday' })).waitForErrorSummary()
        await expectNoAxeViolations(page, 'audit trail with a bad date')
      })

      shared('adding a person, with errors', async () => {
        const page = await newPage('admin@bradford.example')
        await (await NewUserPage.open(page, B)).save()
        const form = await NewUserPage.verifyOnPage(page)
        assert.ok(await form.errorSummary.isVisible())
        await expectNoAxeViolations(page, 'add user with errors')
      })

      shared(ACCOUNT_LINKS_TEST, async () => {
        const email = 'alex.morgan@bradford.example'
        /** The path of the newest link of this kind emailed to the person (the outbox stands in for mail). */
        const emailedLink = async (template: string, path: RegExp) => {
          const mail = await app.database.db
            .selectFrom('outbox_message')
            .select('body')
            .where('to_email', '=', email)
            .where('template', '=', template)
            .orderBy('id', 'desc')
            .executeTakeFirstOrThrow()
          const found = path.exec(mail.body)
          assert.ok(found, mail.body)
          return found[0]
        }

        const admin = await newPage('admin@bradford.example')
        await (await NewUserPage.open(admin, B)).add('Alex Morgan', email, 'Viewer (published plans only)')
        const invitation = await emailedLink('invitation', /\/invitation\/[\w-]{43}/)

        const page = await newPage()
        const accept = await ChoosePasswordPage.open(page, invitation)
        await expectNoAxeViolations(page, 'accepting an invitation')
        await accept.choose('password1234')
        const weak = await ChoosePasswordPage.verifyOnPage(page, 'Choose your password')
        await weak.waitForErrorSummary()
        assert.match(await weak.errorSummaryText(), /on a list of common passwords/)
        await expectNoAxeViolations(page, 'accepting an invitation with a common password')
        await weak.choose('harbour kettle violin')
        await verifyHeading(page, DEMO_HEADINGS.bradford)
        await expectNoAxeViolations(page, 'signed in after accepting an invitation')

        const reset = await newPage()
        await (await ForgotPasswordPage.open(reset)).ask(email)
        await verifyHeading(reset, 'Check your email')
        await expectNoAxeViolations(reset, 'reset link sent')
        const resetLink = await emailedLink('password-reset', /\/reset-password\/[\w-]{43}/)
        const choose = await ChoosePasswordPage.open(reset, resetLink)
        await choose.choose('lantern orchard pebble', 'lantern orchard pebbles')
        const mismatch = await ChoosePasswordPage.verifyOnPage(reset, 'Choose a new password')
        await mismatch.waitForErrorSummary()
        await expectNoAxeViolations(reset, 'resetting a password with errors')
        await mismatch.choose('lantern orchard pebble')
        const signIn = await SignInPage.verifyOnPage(reset)
        assert.match(await signIn.flashText(), /Your password has been reset/)
        await expectNoAxeViolations(reset, 'sign-in after a reset')

        const used = await reset.goto(resetLink)
        assert.equal(used?.status(), 410)
        await verifyHeading(reset, 'This link has already been used')
        await expectNoAxeViolations(reset, 'a reset link already used')
      })

      shared(SENT_MAIL_TEST, async () => {
        const messageRoute = PAGES_CHECKED_BY_INTERACTION.find((p) => p.test === SENT_MAIL_TEST)!.route
        const db = app.database.db
        const bradford = await db
          .selectFrom('organisation')
          .select('id')
          .where('slug', '=', B)
          .executeTakeFirstOrThrow()
        await queueMail(db, {
          organisationId: bradford.id,
          to: { userId: null, email: 'sam.okafor@bradford.example' },
          category: 'notice',
          template: 'test',
          subject: 'A request for your strand',
          body: 'Dear Sam,\n\nThe improvement team has asked for an update.\n\nSign in to answer it.',
        })
        // No mail server here: the message is kept in the outbox, as on a newcomer's machine. (A moment
        // later than now: the database stamps the message in microseconds, a Date in milliseconds.)
        await sendDueMail(db, outboxTransport(), new Date(Date.now() + 5), () => {})

        const page = await newPage('admin@bradford.example')
        const message = await (await SentMailPage.open(page, B)).openMessage('A request for your strand')
        assertOnRoute(page, messageRoute)
        assert.match(await textOf(message.body), /The improvement team has asked for an update/)
        await expectNoAxeViolations(page, 'a message on the Sent mail page')

        await (await SentMailPage.open(page, B, { status: 'lost' })).waitForErrorSummary()
        await expectNoAxeViolations(page, 'sent mail with a filter it does not know')
      })

      shared('the 404 page for an address no route serves', async () => {
        const page = await newPage('councillor@bradford.example')
        const response = await page.goto('/no/such/page')
        assert.equal(response?.status(), 404)
        await NotFoundPage.verifyOnPage(page)
        await expectNoAxeViolations(page, '/no/such/page')
      })
    })
  })
}
