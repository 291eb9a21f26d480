// Proves that the dependency-direction check (`npm run lint:deps`) can fail: it runs dependency-cruiser with the
// same .dependency-cruiser.cjs on the small trees under test/fixtures/layers/ and checks which rule fires for which
// import. Each tree is laid out like the real src/, so the path-based rules match it as they match src/.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { cruise, type ICruiseResult, type IReporterOutput } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const configFile = path.join(root, '.dependency-cruiser.cjs')
const fixtures = 'test/fixtures/layers'

async function cruiseFixture(name: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(configFile)
  // The config names its tsconfig relative to the repository root; make that hold from any working directory.
  const tsConfigFile = path.join(root, options.tsConfig?.fileName ?? 'tsconfig.json')
  const tsConfig = extractTSConfig(tsConfigFile)
  const result: IReporterOutput = await cruise(
    [`${fixtures}/${name}/src`],
    { ...options, baseDir: root, tsConfig: { fileName: tsConfigFile }, outputType: 'json' },
    {},
    { tsConfig },
  )
  assert.equal(typeof result.output, 'string')
  return JSON.parse(result.output as string) as ICruiseResult
}

/** The violations as `rule: from -> to`, with paths relative to the fixture tree, sorted. */
function violations(result: ICruiseResult, name: string): string[] {
  const local = (file: string) => file.replace(`${fixtures}/${name}/`, '')
  return result.summary.violations
    .map((violation) => `${violation.rule.name}: ${local(violation.from)} -> ${local(violation.to)}`)
    .sort()
}

/** Each fixture tree with one or more deliberately wrong imports, and exactly what must be reported. */
const cases: Record<string, string[]> = {
  'shared-imports-db': ['shared-imports-only-shared: src/shared/format.ts -> src/db/database.ts'],
  'db-imports-web': ['db-imports-only-shared: src/db/database.ts -> src/web/paths.ts'],
  'web-imports-audit': ['web-imports-only-db-shared: src/web/auth.ts -> src/audit/record.ts'],
  'audit-imports-charts': ['audit-imports-only-web-db-shared: src/audit/record.ts -> src/charts/chart.ts'],
  'mail-imports-charts': ['mail-imports-only-audit-web-db-shared: src/mail/outbox.ts -> src/charts/chart.ts'],
  'charts-imports-web': ['charts-imports-only-shared: src/charts/chart.ts -> src/web/paths.ts'],
  'exports-imports-db': ['exports-imports-only-shared: src/exports/pdf.ts -> src/db/database.ts'],
  'db-imports-area': ['ground-not-to-area-or-server: src/db/database.ts -> src/plan/plan.ts'],
  'area-imports-server': ['area-not-to-server: src/measures/measures.ts -> src/server/config.ts'],
  'area-imports-demo': ['demo-only-from-server-index: src/plan/plan.ts -> src/demo/seed.ts'],
  'server-app-imports-demo': ['demo-only-from-server-index: src/server/app.ts -> src/demo/seed.ts'],
  'area-imports-higher-area': [
    'area-order-accounts: src/accounts/accounts.ts -> src/national/national.ts',
    'area-order-governance: src/governance/governance.ts -> src/reports/reports.ts',
    'area-order-impact: src/impact/impact.ts -> src/governance/governance.ts',
    'area-order-measures: src/measures/measures.ts -> src/practice/practice.ts',
    'area-order-national: src/national/national.ts -> src/plan/plan.ts',
    'area-order-oversight: src/oversight/oversight.ts -> src/home/home.ts',
    'area-order-partners: src/partners/partners.ts -> src/oversight/oversight.ts',
    'area-order-plan: src/plan/plan.ts -> src/versions/versions.ts',
    'area-order-practice: src/practice/practice.ts -> src/voice/voice.ts',
    'area-order-reports: src/reports/reports.ts -> src/rounds/rounds.ts',
    'area-order-rounds: src/rounds/rounds.ts -> src/partners/partners.ts',
    'area-order-versions: src/versions/versions.ts -> src/measures/measures.ts',
    'area-order-voice: src/voice/voice.ts -> src/impact/impact.ts',
  ],
  'area-cycle': [
    'area-order-plan: src/plan/plan.ts -> src/versions/versions.ts',
    'no-circular: src/plan/plan.ts -> src/versions/versions.ts',
  ],
  'module-cycle': ['no-circular: src/shared/a.ts -> src/shared/b.ts'],
  'src-imports-test-code': [
    'no-test-code-in-src: src/reports/reports.ts -> src/reports/reports.test.ts',
    'no-test-code-in-src: src/reports/reports.ts -> src/test-support/helpers.ts',
  ],
  unresolvable: ['not-to-unresolvable: src/home/home.ts -> ./missing.js'],
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('passes the clean tree, where every layer imports only what it may', async () => {
    const result = await cruiseFixture('clean')
    assert.deepEqual(violations(result, 'clean'), [])
  })

  it('sees the imports of the clean tree: `.js` specifiers resolve to `.ts` files, type-only imports included', async () => {
    const result = await cruiseFixture('clean')
    const edges = result.modules.flatMap((module) =>
      module.dependencies.map((dependency) => ({ from: module.source, ...dependency })),
    )
    assert.equal(result.summary.totalCruised, 19)
    assert.equal(edges.length, 33)
    assert.deepEqual(
      edges.filter((edge) => edge.couldNotResolve),
      [],
    )
    const startUp = edges.find(
      (edge) => edge.from.endsWith('clean/src/server/index.ts') && edge.module === '../demo/seed.js',
    )
    assert.equal(startUp?.resolved, `${fixtures}/clean/src/demo/seed.ts`)
    const typeOnly = edges.find((edge) => edge.from.endsWith('clean/src/charts/chart.ts'))
    assert.equal(typeOnly?.resolved, `${fixtures}/clean/src/shared/named.ts`)
    assert.ok(typeOnly?.dependencyTypes.includes('type-only'))
  })

  for (const [name, expected] of Object.entries(cases)) {
    it(`reports ${name}`, async () => {
      assert.deepEqual(violations(await cruiseFixture(name), name), expected)
    })
  }

  it('has a fixture that makes every rule in the config fire', async () => {
    const options = await extractDepcruiseOptions(configFile)
    const rules = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name).sort()
    const fired = new Set(Object.values(cases).flatMap((lines) => lines.map((line) => line.split(':')[0])))
    assert.deepEqual(
      rules.filter((rule) => !fired.has(rule)),
      [],
    )
  })
})
