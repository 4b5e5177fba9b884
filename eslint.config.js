// Type-aware lint for the whole repo. Promise-safety rules are errors: a floating promise in a
// worker is a lost job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.tools/**', '.cache/**', 'artifacts/**', '**/dist/**', 'infra/**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself tracks.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Every function fits on a screen: under 60 lines as written, comments and blank lines
    // included (product code, benches, evals and scripts).
    files: ['**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 59, IIFEs: true }] },
  },
  {
    // A test file's suite bodies (describe callbacks, contract suites such as stageContract) are
    // lists of test cases, so tests get twice the bound, counting code lines only; it still stops a
    // single test case from sprawling.
    files: ['**/test/**/*.ts', '**/cluster-test/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
