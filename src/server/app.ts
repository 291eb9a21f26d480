// The composition root: builds the Express app from injected services. listen() lives in index.ts,
// so tests build the app without a port.
import path from 'node:path'
import express, { type NextFunction, type Request, type Response } from 'express'
import session from 'express-session'
import '../web/express-types.js'
import type { Config } from './config.js'
import { projectRoot } from '../shared/project-root.js'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { sessionWorthKeeping } from '../web/session-state.js'
import { configureNunjucks } from './nunjucks-setup.js'
import { cspNonce, noStore, securityHeaders } from './middleware/security-headers.js'
import { healthRoutes } from './middleware/health.js'
import { refuseNulCharacters } from './middleware/nul-bytes.js'
import { csrfProtection } from './middleware/csrf.js'
import { councilContext, requireSignIn } from '../web/auth.js'
import { loadUser } from '../accounts/current-user.js'
import { errorHandler, notFound } from './middleware/error-handler.js'
import { refusalRecorder } from '../audit/refusals.js'
import { DatabaseSessionStore, SESSION_IDLE_MS } from '../accounts/session-store.js'
import { signInRoutes } from '../accounts/sign-in-routes.js'
import { userAdminRoutes } from '../accounts/user-admin-routes.js'
import { passwordLinkRoutes } from '../accounts/password-link-routes.js'
import { accountRoutes } from '../accounts/account-routes.js'
import { councilInvitationRoutes } from '../accounts/council-invitation-routes.js'
import { planRoutes } from '../plan/plan-routes.js'
import { strandRoutes } from '../plan/strand-routes.js'
import { objectiveRoutes } from '../plan/objective-routes.js'
import { milestoneRoutes } from '../plan/milestone-routes.js'
import { impactRoutes } from '../impact/impact-routes.js'
import { planLifecycleRoutes } from '../plan/plan-lifecycle-routes.js'
import { publicReportRoutes } from '../reports/public-report-routes.js'
import { versionRoutes } from '../versions/version-routes.js'
import { auditRoutes, serviceAuditRoutes } from '../audit/audit-routes.js'
import { accountMailRoutes, mailRoutes } from '../mail/mail-routes.js'
import { councilsRoutes, homeRoutes } from '../home/home-routes.js'
import { importRoutes } from '../measures/import/import-routes.js'
import { measureRoutes } from '../measures/measure-routes.js'
import { vitalSignsRoutes } from '../measures/vital-signs-routes.js'
import { benchmarkRoutes } from '../national/benchmark-routes.js'
import { inspectionRoutes } from '../national/inspection-routes.js'
import { nationalDataRoutes, serviceNationalDataRoutes } from '../national/national-data-routes.js'
import { reportRoutes } from '../reports/report-routes.js'
import { partnerRequestRoutes } from '../reports/partner-request-routes.js'
import { contactRoutes } from '../accounts/contact-routes.js'
import { ownerAssignmentRoutes } from '../reports/owner-assignment-routes.js'
import { roundRoutes } from '../rounds/round-routes.js'
import { boardMeetingRoutes } from '../governance/meeting-routes.js'
import { boardRoutes } from '../governance/board-routes.js'
import { riskRoutes } from '../governance/risk-routes.js'
import { resourceRoutes } from '../governance/resource-routes.js'
import { practiceRoutes } from '../practice/practice-routes.js'
import { leadershipRoutes } from '../practice/leadership-routes.js'
import { staffSurveyRoutes } from '../voice/survey-routes.js'
import { practiceStandardRoutes } from '../practice/practice-standard-routes.js'
import { voiceRoutes } from '../voice/voice-routes.js'
import { caseAuditRoutes } from '../practice/case-audit-routes.js'
import { partnerRoutes } from '../partners/partner-routes.js'
import { contributionRoutes } from '../partners/contribution-routes.js'
import { councilOversightAccessRoutes, serviceRoutes } from '../accounts/oversight-access-routes.js'
import { oversightOverviewRoutes } from '../oversight/overview-routes.js'
import { interventionRoutes } from '../oversight/intervention-routes.js'
import { trackedItemRoutes } from '../oversight/tracked-item-routes.js'
import { oversightEventRoutes } from '../oversight/event-routes.js'
import { selfAssessmentRoutes } from '../oversight/self-assessment-routes.js'
import { timelineRoutes } from '../oversight/timeline-routes.js'
import { myUpdatesCount, myUpdatesRoutes } from '../rounds/my-updates-routes.js'
import { chromiumPrinter, type PdfPrinter } from '../exports/chromium.js'
import { PdfQueue, queuedPrinter } from '../exports/pdf-queue.js'

export interface Services {
  db: Db
  config: Pick<
    Config,
    | 'production'
    | 'sessionSecret'
    | 'secureCookies'
    | 'trustProxy'
    | 'version'
    | 'commit'
    | 'chromiumPath'
    | 'pdfConcurrency'
    | 'pdfMaxWaiting'
    | 'publicUrl'
  >
  log?: (error: unknown) => void
  /** The time for the sign-in throttle's delays: tests pass their own. */
  clock?: () => Date
  /** What prints PDFs: Chromium at config.chromiumPath unless given (a fake printer in tests). */
  pdfPrinter?: PdfPrinter
}

export function createApp(services: Services): express.Express {
  const { db, config } = services
  const log = services.log ?? ((error: unknown) => console.error(error))
  // Every PDF the app prints takes its turn: a few at once, a few waiting, the rest told to try again.
  const printPdf = queuedPrinter(
    services.pdfPrinter ?? chromiumPrinter(config.chromiumPath),
    new PdfQueue({ concurrency: config.pdfConcurrency, maxWaiting: config.pdfMaxWaiting }),
  )
  const app = express()
  app.disable('x-powered-by')
  // Pages are sent with Cache-Control: no-store, so an ETag (a hash of every page body) would never be used.
  // Static files keep theirs (express.static sets its own).
  app.set('etag', false)
  if (config.trustProxy) app.set('trust proxy', 1)
  configureNunjucks(app)

  app.use(cspNonce, securityHeaders())
  app.use(healthRoutes(db, config))

  const govuk = path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk')
  const staticOptions = { maxAge: config.production ? '1d' : 0, index: false as const }
  app.use(paths.assets.pattern, express.static(path.join(govuk, 'assets'), staticOptions))
  app.get(paths.govukStylesheet.pattern, (_req, res) => res.sendFile(path.join(govuk, 'govuk-frontend.min.css')))
  app.get(paths.govukScript.pattern, (_req, res) => res.sendFile(path.join(govuk, 'govuk-frontend.min.js')))
  app.use(express.static(path.join(projectRoot, 'public'), staticOptions))

  app.use(noStore)
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }))
  app.use(refuseNulCharacters)
  app.use(
    session({
      name: config.secureCookies ? '__Host-turnaround.sid' : 'turnaround.sid',
      secret: config.sessionSecret,
      store: new DatabaseSessionStore(db),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, secure: config.secureCookies, sameSite: 'lax', maxAge: SESSION_IDLE_MS, path: '/' },
    }),
  )
  app.use(saveSessionBeforeRedirect)
  app.use(csrfProtection({ secret: config.sessionSecret, secureCookies: config.secureCookies }))
  app.use(loadUser(db))
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.currentPath = req.path
    if (req.session.flash) {
      res.locals.flash = req.session.flash
      delete req.session.flash
    }
    next()
  })

  app.use(signInRoutes(db, { now: services.clock }))
  // Invitation and password reset links, and asking for one: for people not (yet) signed in.
  app.use(passwordLinkRoutes(db, config.publicUrl))
  app.use(accountRoutes(db))
  app.use(councilInvitationRoutes(db))
  // The signed-in person's own mail and mail choices (each route requires a sign-in).
  app.use(accountMailRoutes(db))
  // Public editions of published reports: readable without signing in (nothing else of a council is).
  app.use(publicReportRoutes(db, printPdf))
  app.use(councilsRoutes(db))
  app.use(serviceRoutes(db, config.publicUrl))
  app.use(serviceNationalDataRoutes(db))
  app.use(serviceAuditRoutes(db))

  const council = express.Router({ mergeParams: true })
  // The count beside "My updates" in the navigation, on every council page.
  council.use(myUpdatesCount(db))
  council.use(homeRoutes(db))
  council.use(planRoutes(db))
  council.use(strandRoutes(db))
  council.use(objectiveRoutes(db))
  council.use(milestoneRoutes(db))
  council.use(planLifecycleRoutes(db))
  council.use(impactRoutes(db))
  council.use(versionRoutes(db))
  council.use(importRoutes(db)) // before measureRoutes: /measures/import is not a measure id
  council.use(measureRoutes(db))
  council.use(vitalSignsRoutes(db))
  council.use(reportRoutes(db, printPdf))
  council.use(partnerRequestRoutes(db, config.publicUrl))
  council.use(contactRoutes(db))
  council.use(ownerAssignmentRoutes(db))
  council.use(roundRoutes(db, config.publicUrl))
  council.use(myUpdatesRoutes(db, { publicUrl: config.publicUrl }))
  council.use(partnerRoutes(db, config.publicUrl))
  council.use(contributionRoutes(db, config.publicUrl))
  council.use(boardRoutes(db))
  council.use(boardMeetingRoutes(db))
  council.use(riskRoutes(db))
  council.use(resourceRoutes(db))
  council.use(practiceRoutes(db))
  council.use(staffSurveyRoutes(db))
  council.use(voiceRoutes(db))
  council.use(caseAuditRoutes(db))
  council.use(practiceStandardRoutes(db))
  council.use(leadershipRoutes(db))
  council.use(oversightOverviewRoutes(db))
  council.use(interventionRoutes(db))
  council.use(trackedItemRoutes(db))
  council.use(oversightEventRoutes(db))
  council.use(selfAssessmentRoutes(db, printPdf))
  council.use(timelineRoutes(db))
  council.use(benchmarkRoutes(db))
  council.use(inspectionRoutes(db))
  council.use(nationalDataRoutes(db))
  council.use(auditRoutes(db))
  council.use(mailRoutes(db))
  council.use(councilOversightAccessRoutes(db))
  council.use(userAdminRoutes(db, config.publicUrl))
  app.use(paths.council.root.pattern, requireSignIn, councilContext, council)

  app.use(notFound)
  app.use(errorHandler(log, refusalRecorder(db)))
  return app
}

/**
 * A browser follows a redirect as soon as it has the headers, which express-session may send before its
 * own save has finished: the next request could then miss a new sign-in or flash message. Saving first
 * closes that race (it showed on PostgreSQL under load). A session with nothing in it is not saved at all.
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void
  res.redirect = (...args: unknown[]) => {
    if (!sessionWorthKeeping(req)) return redirect(...args)
    req.session.save((error) => (error ? next(error) : redirect(...args)))
  }
  next()
}
