/* global module */
// Dependency-direction rules for src/ (see docs/decisions/0009-layers-and-dependency-rules.md).
// Run with `npm run lint:deps`. src/dependency-rules.test.ts runs this same file on the fixture trees
// under test/fixtures/layers/, so every path below may also start with test/fixtures/layers/<case>/.

/**
 * Start of a path inside src/, in the real tree or in a fixture tree. Written with `|)` rather than `)?`:
 * dependency-cruiser refuses regular expressions that safe-regex calls unsafe, and it counts `(..+)?` as nested.
 * Anchored at the start so that a package's own src/ folder under node_modules never matches.
 */
const SRC = '^(?:test/fixtures/layers/[^/]+/|)src/'

const GROUND = ['shared', 'db', 'web', 'audit', 'mail', 'charts', 'exports']
/** Lowest first: an area may import only the areas before it in this list. */
const AREAS = [
  'accounts',
  'national',
  'plan',
  'versions',
  'measures',
  'practice',
  'voice',
  'impact',
  'governance',
  'reports',
  'rounds',
  'partners',
  'oversight',
  'home',
]
const TOP = ['server', 'demo']

/** Regular expression for files in any of the given src folders. */
const inFolders = (folders) => `${SRC}(?:${folders.join('|')})/`

/** Tests and test helpers: exempt from the layer rules, and never imported by non-test code. */
const TEST_CODE = ['[.]test[.]ts$', `${SRC}test-support/`]

/** A ground folder may import only the listed src folders (areas, server and demo are left to other rules). */
const groundRule = (name, folder, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: inFolders([folder]), pathNot: TEST_CODE },
  to: { path: SRC, pathNot: [inFolders([folder, ...allowed, ...AREAS, ...TOP]), ...TEST_CODE] },
})

/** An area may import only the areas below it in AREAS. */
const areaRule = (area, index) => {
  const higher = AREAS.slice(index + 1)
  const order = AREAS.join(' < ')
  return {
    name: `area-order-${area}`,
    comment:
      index === 0
        ? `${area} is the lowest area in the order ${order}, so it imports no other area.`
        : `${area} may import only the areas below it in the order ${order}.`,
    severity: 'error',
    from: { path: inFolders([area]), pathNot: TEST_CODE },
    to: { path: inFolders(higher) },
  }
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    groundRule(
      'shared-imports-only-shared',
      'shared',
      [],
      'src/shared holds pure helpers with no domain, so it imports nothing from src outside itself.',
    ),
    groundRule(
      'db-imports-only-shared',
      'db',
      ['shared'],
      'src/db (connection, table types, migrations) may import only src/db and src/shared.',
    ),
    groundRule(
      'web-imports-only-db-shared',
      'web',
      ['db', 'shared'],
      'src/web is the HTTP kit every area uses, so it may import only src/web, src/db and src/shared.',
    ),
    groundRule(
      'audit-imports-only-web-db-shared',
      'audit',
      ['web', 'db', 'shared'],
      'src/audit may import only src/audit, src/web, src/db and src/shared.',
    ),
    groundRule(
      'mail-imports-only-audit-web-db-shared',
      'mail',
      ['audit', 'web', 'db', 'shared'],
      'src/mail (the outbox and its transports) may import only src/mail, src/audit, src/web, src/db and src/shared.',
    ),
    groundRule(
      'charts-imports-only-shared',
      'charts',
      ['shared'],
      'src/charts draws SVG from view types and may import only src/charts and src/shared.',
    ),
    groundRule(
      'exports-imports-only-shared',
      'exports',
      ['shared'],
      'src/exports holds generic PDF and PNG tools and may import only src/exports and src/shared.',
    ),
    {
      name: 'ground-not-to-area-or-server',
      comment:
        'Ground folders (shared, db, web, audit, mail, charts, exports) sit under every area, so they never import an area or src/server.',
      severity: 'error',
      from: { path: inFolders(GROUND), pathNot: TEST_CODE },
      to: { path: inFolders([...AREAS, 'server']) },
    },
    {
      name: 'area-not-to-server',
      comment: 'src/server is the composition root that wires the areas together, so no area imports it.',
      severity: 'error',
      from: { path: inFolders(AREAS), pathNot: TEST_CODE },
      to: { path: inFolders(['server']) },
    },
    {
      name: 'demo-only-from-server-index',
      comment:
        'Only src/server/index.ts may import src/demo (start-up loads the demo into an empty database); tests may too.',
      severity: 'error',
      from: { path: SRC, pathNot: [`${SRC}server/index[.]ts$`, inFolders(['demo']), ...TEST_CODE] },
      to: { path: inFolders(['demo']) },
    },
    // home is the highest area and may import any other, so it needs no area-order rule.
    ...AREAS.slice(0, -1).map(areaRule),
    {
      name: 'no-circular',
      comment: 'Modules in src must not import each other in a circle, directly or through other modules.',
      severity: 'error',
      from: { path: SRC, pathNot: TEST_CODE },
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'Code that ships must not import src/test-support or a *.test.ts file.',
      severity: 'error',
      from: { path: SRC, pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import in src must resolve to a file or an installed package, or the rules above cannot see it.',
      severity: 'error',
      from: { path: SRC },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // TypeScript NodeNext: `import x from './a.js'` resolves to a.ts. The tsconfig gives the compiler options;
    // tsPreCompilationDeps keeps type-only imports (`import type`), which vanish after compilation.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    progress: { type: 'none' },
  },
}
