import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStore } from '../../pipeline/contracts/services';

/** What every run store must do: PGlite in the embedded tier, PostgreSQL in the services tier. */
export function runStoreContract(
  name: string,
  open: () => Promise<{ store: RunStore; runId: (label: string) => string; close(): Promise<void> }>,
): void {
  describe(`RunStore contract: ${name}`, () => {
    let harness: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => harness.close());

    it('upserts runs and their stage states, and deleting a run deletes its stages', async () => {
      const { store } = harness;
      const runId = harness.runId('a');
      await store.upsertRun({ runId, status: 'running', config: { seed: 1 }, createdAt: 1, updatedAt: 1 });
      await store.upsertRun({ runId, status: 'succeeded', config: { seed: 1 }, createdAt: 1, updatedAt: 5 });
      expect(await store.getRun(runId)).toEqual({
        runId,
        status: 'succeeded',
        config: { seed: 1 },
        createdAt: 1,
        updatedAt: 5,
      });
      await store.upsertStage({
        runId,
        stage: 'generate',
        status: 'running',
        attempts: 1,
        startedAt: 2,
        finishedAt: null,
        error: null,
        result: null,
      });
      await store.upsertStage({
        runId,
        stage: 'generate',
        status: 'succeeded',
        attempts: 1,
        startedAt: 2,
        finishedAt: 3,
        error: null,
        result: { outputRows: 10 },
      });
      expect(await store.getStages(runId)).toEqual([
        {
          runId,
          stage: 'generate',
          status: 'succeeded',
          attempts: 1,
          startedAt: 2,
          finishedAt: 3,
          error: null,
          result: { outputRows: 10 },
        },
      ]);
      expect((await store.listRuns()).some((run) => run.runId === runId)).toBe(true);
      await store.deleteRun(runId);
      expect(await store.getRun(runId)).toBeNull();
      expect(await store.getStages(runId)).toEqual([]);
    });
  });
}
