import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Configuration is read in one place. */
const PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/server/config.ts only',
}
/** Queries are written in repositories, where a reader looks for them. */
const QUERY_BUILDERS = {
  selector:
    'CallExpression > MemberExpression.callee[property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]',
  message: 'Write queries in a *-repository.ts file (or src/db, src/demo, tests); call the repository from here',
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'Do not leave .only in tests' },
        { object: 'it', property: 'only', message: 'Do not leave .only in tests' },
        { object: 'test', property: 'only', message: 'Do not leave .only in tests' },
      ],
      'no-restricted-syntax': ['error', PROCESS_ENV, QUERY_BUILDERS],
    },
  },
  {
    files: ['src/**/*-repository.ts', 'src/db/**', 'src/demo/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', PROCESS_ENV] },
  },
  { files: ['src/server/config.ts'], rules: { 'no-restricted-syntax': ['error', QUERY_BUILDERS] } },
  {
    files: ['scripts/**', 'test/**', 'bench/**', 'src/test-support/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Type-aware rules on the application code (floating promises, unsafe any, misused promises...).
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.cjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
)
