import path from 'node:path'
import type express from 'express'
import nunjucks from 'nunjucks'
import { projectRoot } from '../shared/project-root.js'
import { paths } from '../web/paths.js'
import { ROLE_LABELS } from '../web/roles.js'
import { MILESTONE_STATUS_LABELS, MILESTONE_STATUS_TAG_CLASSES } from '../plan/milestone-status.js'
import { formatDate, formatDateTime } from '../shared/dates.js'
import { BENCHMARK_LABELS } from '../measures/measure-types.js'
import { ASSURANCE_LABELS, SIGNAL_LABELS, VARIATION_LABELS, signalText } from '../measures/spc.js'
import { pointDecimals } from '../measures/measure-display.js'
import { RAG_LABELS } from '../reports/status-rules.js'
import { PURPOSE_LABELS, objectiveMilestoneLists } from '../reports/report-words.js'
import { IMPACT_LABELS, IMPACT_TAG_CLASSES } from '../impact/impact-rules.js'
import { EVIDENCE_DIRECTION_LABELS } from '../impact/evidence-kinds.js'
import { UNIT_LABELS, changeShort, changeWords, formatValue, type Unit } from '../shared/units.js'
import { POLARITY_LABELS } from '../shared/polarity.js'
import { FREQUENCY_LABELS, type Frequency, periodLabel } from '../shared/calendar.js'

export function configureNunjucks(app?: express.Express): nunjucks.Environment {
  const env = nunjucks.configure(
    [
      path.join(projectRoot, 'views'),
      path.join(projectRoot, 'src'),
      path.join(projectRoot, 'node_modules/govuk-frontend/dist'),
    ],
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true, noCache: false },
  )
  if (app) {
    env.express(app)
    app.set('view engine', 'njk')
    // Nunjucks keeps compiled templates (noCache: false); without this Express would also look each view's file
    // up on disk on every render outside production. A changed template needs a restart either way.
    app.enable('view cache')
  }
  env.addGlobal('paths', paths)
  env.addGlobal('roleLabels', ROLE_LABELS)
  env.addGlobal('milestoneStatusLabels', MILESTONE_STATUS_LABELS)
  env.addGlobal('milestoneStatusTagClasses', MILESTONE_STATUS_TAG_CLASSES)
  env.addFilter('date', (value: string | Date | null | undefined) => formatDate(value))
  env.addFilter('dateTime', (value: string | Date | null | undefined) => formatDateTime(value))
  env.addGlobal('ragLabels', RAG_LABELS)
  env.addGlobal('objectiveMilestoneLists', objectiveMilestoneLists)
  env.addGlobal('purposeLabels', PURPOSE_LABELS)
  env.addGlobal('impactLabels', IMPACT_LABELS)
  env.addGlobal('impactTagClasses', IMPACT_TAG_CLASSES)
  env.addGlobal('evidenceDirectionLabels', EVIDENCE_DIRECTION_LABELS)
  env.addGlobal('unitLabels', UNIT_LABELS)
  env.addGlobal('polarityLabels', POLARITY_LABELS)
  env.addGlobal('frequencyLabels', FREQUENCY_LABELS)
  env.addGlobal('benchmarkLabels', BENCHMARK_LABELS)
  env.addGlobal('variationLabels', VARIATION_LABELS)
  env.addGlobal('assuranceLabels', ASSURANCE_LABELS)
  env.addGlobal('signalLabels', SIGNAL_LABELS)
  env.addGlobal('signalText', signalText)
  env.addGlobal('pointDecimals', pointDecimals)
  env.addGlobal('changeWords', changeWords)
  env.addGlobal('changeShort', changeShort)
  env.addFilter('measureValue', (value: number | null, unit: Unit, decimals?: number) =>
    formatValue(value, unit, decimals ?? 1),
  )
  env.addFilter('periodLabel', (period: string, frequency: Frequency) => periodLabel(period, frequency))
  // Nunjucks' own capitalize lower-cases the rest of the text, which mangles codes and names.
  env.addFilter('sentence', (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : ''))
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2))
  return env
}
