import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPgliteRunStore } from '@/pipeline/services/embedded/pglite-run-store';
import { tempDir } from './helpers';

describe('the PGlite run store', () => {
  it('keeps runs and stage states, replacing a stage state on upsert and dropping them with the run', async () => {
    const store = await openPgliteRunStore({ dir: join(tempDir('store'), 'runstore') });
    try {
      await store.upsertRun({
        runId: 'r1',
        status: 'running',
        config: { seed: 1 },
        createdAt: 10,
        updatedAt: 10,
      });
      await store.upsertStage({
        runId: 'r1',
        stage: 'validate',
        status: 'running',
        attempts: 1,
        startedAt: 11,
        finishedAt: null,
        error: null,
        result: null,
      });
      await store.upsertStage({
        runId: 'r1',
        stage: 'validate',
        status: 'succeeded',
        attempts: 1,
        startedAt: 11,
        finishedAt: 12,
        error: null,
        result: { outputRows: 5 },
      });
      expect(await store.getStages('r1')).toEqual([
        {
          runId: 'r1',
          stage: 'validate',
          status: 'succeeded',
          attempts: 1,
          startedAt: 11,
          finishedAt: 12,
          error: null,
          result: { outputRows: 5 },
        },
      ]);
      expect((await store.listRuns()).map((run) => run.runId)).toEqual(['r1']);
      await store.deleteRun('r1');
      expect(await store.getStages('r1')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a second handle on the same directory in one process', async () => {
    const dir = join(tempDir('twice'), 'runstore');
    const store = await openPgliteRunStore({ dir });
    try {
      await expect(openPgliteRunStore({ dir })).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await store.close();
    }
  });

  it('makes another process wait while one holds it, and takes over the lock of a process that was killed', async () => {
    const dir = join(tempDir('locked'), 'runstore');
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/pipeline/etl/run-store-child.ts', dir], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });
    await expect(openPgliteRunStore({ dir, lockTimeoutMs: 300, pollMs: 50 })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { pid: child.pid },
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const store = await openPgliteRunStore({ dir, lockTimeoutMs: 300, pollMs: 50 });
    await store.close();
  }, 60_000);
});
