import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const focusedTests = ['describe', 'it', 'test'].map((object) => ({
  object,
  property: 'only',
  message: '.only silences the rest of the suite.',
}));

// A module's door is its index.ts: nothing outside the module imports its other files.
// Test code may also import another module's test builders (`*-test-builders.ts`,
// `*-test-support.ts`, `test-*.ts` and the like).
const doorMessage = "Import another module through its index.ts (ARCHITECTURE.md: a module's index.ts is its only door).";
const testSupportFile = '(?![a-z-]*test-[a-z-]+\\.ts$)';
const besideModule = (allowTestSupport) => ({
  regex: `^\\.\\./[^./][^/]*/(?!index\\.ts$)${allowTestSupport ? testSupportFile : ''}`,
  message: doorMessage,
});
const outsideModules = (allowTestSupport) => ({
  regex: `(^|/)modules/[^/]+/(?!index\\.ts$)${allowTestSupport ? testSupportFile : ''}`,
  message: doorMessage,
});
const serverTestCode = ['apps/server/**/*.test.ts', 'apps/server/**/*test-*.ts', 'apps/server/bench/**/*.ts', 'apps/server/src/testing/**'];

export default tseslint.config(
  {
    ignores: [
      'eslint.config.js',
      '**/node_modules/**',
      '**/dist/**',
      'tmp/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'scripts/**/*.mjs',
      'apps/server/bin/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      // Fastify plugins and hooks are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-properties': ['error', ...focusedTests],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [besideModule(false)] }] },
  },
  {
    files: ['apps/server/**/*.ts'],
    ignores: ['apps/server/src/modules/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideModules(false)] }] },
  },
  {
    files: ['apps/server/src/modules/**/*.test.ts', 'apps/server/src/modules/**/*test-*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [besideModule(true)] }] },
  },
  {
    files: serverTestCode,
    ignores: ['apps/server/src/modules/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideModules(true)] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.int.test.ts', 'e2e/**/*.ts', '**/bench/**/*.ts', 'apps/server/src/testing/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
