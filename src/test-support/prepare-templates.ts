// Run by scripts/run-tests.mjs before the database lanes: builds the seeded templates for the current sources
// (when missing) and removes those of older sources and databases left by test processes that died.
import { performance } from 'node:perf_hooks'
import { prepareTemplates, templateKey } from './templates.js'

const started = performance.now()
await prepareTemplates(process.env.TEST_DATABASE_URL)
console.log(
  `# database templates ${templateKey()} ready in ${((performance.now() - started) / 1000).toFixed(1)} s` +
    (process.env.TEST_DATABASE_URL ? ' (PGlite and PostgreSQL)' : ' (PGlite)'),
)
