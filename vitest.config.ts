import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// 'server-only' throws outside a React Server bundle; tests import *.server.ts modules directly.
const alias = {
  '@': fileURLToPath(new URL('./', import.meta.url)),
  'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [
            'node_modules/**',
            'tests/e2e/**',
            'tests/services/**',
            'tests/spark/**',
            '.next/**',
            '.data/**',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'services',
          environment: 'node',
          include: ['tests/services/**/*.test.ts'],
          globalSetup: ['tests/services/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // Real Apache Spark (local mode, Java 17+, jars from Maven in .cache/spark). The files run one after another
        // in one worker without isolation, so they share one Spark driver and the suite's runs (tests/spark/suite-runs.ts):
        // a SparkSession takes seconds to start and a Spark-engine run minutes.
        resolve: { alias },
        test: {
          name: 'spark',
          environment: 'node',
          include: ['tests/spark/**/*.test.ts'],
          globalSetup: ['tests/spark/global-setup.ts'],
          testTimeout: 45 * 60_000,
          hookTimeout: 45 * 60_000,
          fileParallelism: false,
          isolate: false,
        },
      },
    ],
  },
});
