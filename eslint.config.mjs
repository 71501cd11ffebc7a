// Import boundaries of DESIGN §4 are enforced here, not by hope:
//   app → components → lib → pipeline/contracts; pipeline/ never imports the web side.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const webSide = ['@/app/*', '@/components/*', '@/lib/*', 'react', 'react-dom', 'react/*', 'next', 'next/*'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'public/**',
      'next-env.d.ts',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: webSide, message: 'pipeline/ is pure Node: it may not import app/, components/, lib/, React or Next.' },
            // Any depth of ../ into app/, components/ or lib/: pipeline/ sits beside them at the root.
            { regex: '^(\\.\\./)+(app|components|lib)(/|$)', message: 'pipeline/ may not import the web side.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject the random source: the pipeline is deterministic.' },
        { object: 'Date', property: 'now', message: 'Inject the clock (pipeline/core/clock.ts): the pipeline is deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Inject the clock (pipeline/core/clock.ts): the pipeline is deterministic.',
        },
      ],
    },
  },
  {
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['*.server', '**/*.server', '*.server.ts'], message: 'Components may not import server-only modules (*.server.ts).' },
            { group: ['@/app/*'], message: 'Components may not import routes.' },
            { regex: '^(\\.\\./)+app(/|$)', message: 'Components may not import routes.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/app/*', '@/components/*'], message: 'lib/ may not import routes or components.' },
            { regex: '^(\\.\\./)+(app|components)(/|$)', message: 'lib/ may not import routes or components.' },
          ],
        },
      ],
    },
  },
);
