import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * The Spark suite's scratch folder, shared by its files (they run one after another in one worker, isolate off, so
 * they also share one Spark driver and the runs of suite-runs.ts) and removed when the suite ends.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    sparkSuiteRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'spark-suite-'));
  project.provide('sparkSuiteRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
