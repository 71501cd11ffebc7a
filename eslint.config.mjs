// The import boundaries ARCHITECTURE.md states are enforced here, not by hope (tests/lint/boundaries.test.ts):
//   app → components → lib → pipeline (contracts, core, the services factory, the runner); pipeline/ never imports
//   the web side; stages import contracts and core, never the services layer; no tier imports another.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const webSide = ['@/app/*', '@/components/*', '@/lib/*', 'react', 'react-dom', 'react/*', 'next', 'next/*'];

// pipeline/ rules shared by every block below that narrows them (a later block's no-restricted-imports replaces
// an earlier one's for the same files, so each block repeats these).
const pipelinePatterns = [
  {
    group: webSide,
    message: 'pipeline/ is pure Node: it may not import app/, components/, lib/, React or Next.',
  },
  // Any depth of ../ into app/, components/ or lib/: pipeline/ sits beside them at the root.
  { regex: '^(\\.\\./)+(app|components|lib)(/|$)', message: 'pipeline/ may not import the web side.' },
];

// The services layer's tiers: each is one folder of pipeline/services/; what both use lives in shared/ or at the top.
const tiers = ['embedded', 'kafka', 's3', 'postgres', 'redis', 'clickhouse', 'cassandra'];

/** Imports of the other tiers from inside one tier's folder (pipeline/services/<tier>/…, at any depth). */
function otherTierPatterns(tier) {
  const others = tiers.filter((name) => name !== tier).join('|');
  return [
    {
      regex: `^(\\.\\./)+(${others})(/|$)`,
      message: `The ${tier} tier may not import another tier: what both need belongs in pipeline/services/shared/.`,
    },
    {
      regex: '^(\\.\\./)+stages(/|$)',
      message: 'The services layer may not import stages (stages run on it).',
    },
    {
      regex: `^@/pipeline/services/(${others})(/|$)`,
      message: `The ${tier} tier may not import another tier.`,
    },
  ];
}

const libPatterns = [
  { group: ['@/app/*', '@/components/*'], message: 'lib/ may not import routes or components.' },
  { regex: '^(\\.\\./)+(app|components)(/|$)', message: 'lib/ may not import routes or components.' },
];

// The web reaches the pipeline through its contracts, its pure core helpers, the services factory, the runner and
// the Spark entry point.
const webPipelinePatterns = [
  {
    regex:
      '^(@/|(\\.\\./)+)pipeline/(?!contracts/|core/|services/create-services$|services/services-env-file$|run$|spark$)',
    message:
      'The web reaches the pipeline through pipeline/contracts, pipeline/core, pipeline/services/create-services (and its services-env-file), pipeline/run and pipeline/spark only.',
  },
];

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
      'no-restricted-imports': ['error', { patterns: pipelinePatterns }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Inject the random source: the pipeline is deterministic.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Inject the clock (pipeline/core/clock.ts): the pipeline is deterministic.',
        },
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
            {
              group: ['*.server', '**/*.server', '*.server.ts'],
              message: 'Components may not import server-only modules (*.server.ts).',
            },
            { group: ['@/app/*'], message: 'Components may not import routes.' },
            { regex: '^(\\.\\./)+app(/|$)', message: 'Components may not import routes.' },
            ...webPipelinePatterns,
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...libPatterns, ...webPipelinePatterns] }] },
  },
  {
    files: ['pipeline/stages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pipelinePatterns,
            {
              regex: '^((\\.\\./)+|@/pipeline/)services(/|$)',
              message:
                'Stages use the tiers through pipeline/contracts/services.ts (the Services they are given), never an implementation.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['pipeline/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pipelinePatterns,
            {
              regex: '^(\\.\\./)+stages(/|$)',
              message: 'The services layer may not import stages (stages run on it).',
            },
          ],
        },
      ],
    },
  },
  ...tiers.map((tier) => ({
    files: [`pipeline/services/${tier}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...pipelinePatterns, ...otherTierPatterns(tier)] }],
    },
  })),
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: webPipelinePatterns }] },
  },
  {
    // Tests beside lib/ code build their fixtures with the pipeline's own implementations.
    files: ['lib/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: libPatterns }] },
  },
);
