import js from '@eslint/js'
import tseslint from 'typescript-eslint'

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
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/server/config.ts only',
        },
      ],
    },
  },
  {
    files: ['src/server/config.ts', 'scripts/**', 'test/**', 'bench/**', 'src/test-support/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
)
