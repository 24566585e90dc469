import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // `_name` marks a value deliberately left unused (a destructured field dropped from a copy).
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // One import order everywhere: node and packages, then the app's own (@/…), then relative.
    rules: {
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index', 'type'],
          pathGroups: [{ pattern: '@/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    ignores: [
      '.scratch/**',
      'node_modules/**',
      '.next/**',
      '.next-*/**',
      'test-results-*/**',
      'data/**',
      'db/migrations/**',
      'db/migrations-pg/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
