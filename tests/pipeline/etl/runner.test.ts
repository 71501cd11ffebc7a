import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineError } from '@/pipeline/contracts/errors';
import { manifestSchema } from '@/pipeline/contracts/manifest';
import type { RunStore } from '@/pipeline/contracts/services';
import type { StageDefinition, StageResult } from '@/pipeline/contracts/stage';
import { stageNames, type StageName } from '@/pipeline/contracts/stages';
import { config, openTestRunStore, runInDir, tempDir } from './helpers';

const result = (rows: number): StageResult => ({
  inputRows: rows,
  outputRows: rows,
  rejectedRows: 0,
  rejectReasons: {},
  outputs: [],
  metrics: {},
});

/** Stages that record their calls and can be told to fail. */
function fakeStages(behaviour: Partial<Record<StageName, (attempt: number) => Promise<StageResult>>> = {}) {
  const calls: StageName[] = [];
  const attempts = new Map<StageName, number>();
  const stages: StageDefinition[] = stageNames.map((name) => ({
    name,
    async run() {
      calls.push(name);
      const attempt = (attempts.get(name) ?? 0) + 1;
      attempts.set(name, attempt);
      return behaviour[name] ? behaviour[name](attempt) : result(stageNames.indexOf(name));
    },
  }));
  return { stages, calls };
}

let runs: RunStore;
beforeAll(async () => {
  runs = await openTestRunStore();
});
afterAll(async () => {
  await runs.close();
});

describe('the DAG runner', () => {
  it('runs every stage once, in dependency order, and persists each transition to the manifest and the run store', async () => {
    const dir = tempDir('order');
    const { stages, calls } = fakeStages();
    const manifest = await runInDir(dir, runs, config(), { stages });
    expect(calls).toEqual([...stageNames]);
    expect(manifest.status).toBe('succeeded');
    const onDisk = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(onDisk.stages.map((stage) => [stage.name, stage.status, stage.outputRows])).toEqual(
      stageNames.map((name, index) => [name, 'succeeded', index]),
    );
    const stored = await runs.getStages(manifest.runId);
    expect(stored.map((state) => state.status).sort()).toEqual(Array(9).fill('succeeded'));
    expect((await runs.getRun(manifest.runId))?.status).toBe('succeeded');
  });

  it('retries a retriable PipelineError with exponential back-off, then succeeds', async () => {
    const delays: number[] = [];
    const { stages, calls } = fakeStages({
      ingest: async (attempt) => {
        if (attempt < 3) throw new PipelineError('SERVICE_UNAVAILABLE', 'broker down');
        return result(1);
      },
    });
    const manifest = await runInDir(tempDir('retry'), runs, config(), {
      stages,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(delays).toEqual([100, 200]);
    expect(calls.filter((name) => name === 'ingest')).toHaveLength(3);
    expect(manifest.stages.find((stage) => stage.name === 'ingest')).toMatchObject({
      status: 'succeeded',
      attempts: 3,
    });
  });

  it('does not retry an error that is not retriable, and stops the run with that stage failed', async () => {
    const { stages, calls } = fakeStages({
      validate: async () => {
        throw new PipelineError('CORRUPT_DATA', 'bad segment');
      },
    });
    const dir = tempDir('fail');
    await expect(
      runInDir(dir, runs, config(), { stages, sleep: async () => undefined }),
    ).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
    expect(calls).toEqual(['generate', 'produce', 'ingest', 'validate']);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.status).toBe('failed');
    expect(manifest.stages.find((stage) => stage.name === 'validate')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'CORRUPT_DATA' },
    });
    expect(manifest.stages.find((stage) => stage.name === 'dedupe')?.status).toBe('pending');
  });

  it('times a stage out (TIMEOUT, retriable) and fails after the last attempt', async () => {
    const { stages } = fakeStages({ model: () => new Promise(() => undefined) });
    await expect(
      runInDir(tempDir('timeout'), runs, config(), {
        stages,
        stageTimeoutMs: { model: 50 },
        retry: { maxAttempts: 2, baseDelayMs: 1 },
        sleep: async () => undefined,
      }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('settles a cancelled run at once, even when its stage never looks at the signal (a client stuck in retries)', async () => {
    const controller = new AbortController();
    let stuck = false;
    const { stages } = fakeStages({
      ingest: () => {
        stuck = true;
        setTimeout(() => controller.abort(), 50);
        // Like kafkajs committing to a broker that is gone: it ignores the signal and settles much later.
        return new Promise<StageResult>((resolve) => setTimeout(() => resolve(result(1)), 60_000).unref());
      },
    });
    const dir = tempDir('cancel-stuck');
    const started = performance.now();
    await expect(runInDir(dir, runs, config(), { stages, signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(stuck).toBe(true);
    expect(performance.now() - started).toBeLessThan(30_000);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.status).toBe('cancelled');
    expect(manifest.stages.find((stage) => stage.name === 'ingest')).toMatchObject({
      status: 'failed',
      error: { code: 'CANCELLED' },
    });
  });

  it('stops after --until, then resumes from the next stage without re-running finished ones', async () => {
    const dir = tempDir('until');
    const first = fakeStages();
    const partial = await runInDir(dir, runs, config(), { stages: first.stages, until: 'dedupe' });
    expect(first.calls).toEqual(['generate', 'produce', 'ingest', 'validate', 'dedupe']);
    expect(partial.status).toBe('pending');
    const second = fakeStages();
    const finished = await runInDir(dir, runs, config(), { stages: second.stages });
    expect(second.calls).toEqual(['model', 'aggregate', 'export', 'quality']);
    expect(finished.status).toBe('succeeded');
  });

  it('resumes a failed run from the failed stage', async () => {
    const dir = tempDir('resume');
    const broken = fakeStages({
      aggregate: async () => {
        throw new PipelineError('INTERNAL', 'bug');
      },
    });
    await expect(runInDir(dir, runs, config(), { stages: broken.stages })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    const fixed = fakeStages();
    const manifest = await runInDir(dir, runs, config(), { stages: fixed.stages });
    expect(fixed.calls).toEqual(['aggregate', 'export', 'quality']);
    expect(manifest.stages.find((stage) => stage.name === 'aggregate')?.attempts).toBe(2);
  });

  it('runs one stage in step mode, and refuses when a dependency has not succeeded', async () => {
    const dir = tempDir('step');
    const first = fakeStages();
    await runInDir(dir, runs, config(), { stages: first.stages, until: 'ingest' });
    await expect(
      runInDir(dir, runs, config(), { stages: fakeStages().stages, only: 'dedupe' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const step = fakeStages();
    const manifest = await runInDir(dir, runs, config(), { stages: step.stages, only: 'validate' });
    expect(step.calls).toEqual(['validate']);
    expect(manifest.stages.find((stage) => stage.name === 'validate')?.status).toBe('succeeded');
    expect(manifest.stages.find((stage) => stage.name === 'dedupe')?.status).toBe('pending');
  });

  it('refuses to continue a run directory with another config', async () => {
    const dir = tempDir('config');
    await runInDir(dir, runs, config(), { stages: fakeStages().stages, until: 'generate' });
    await expect(
      runInDir(dir, runs, config({ seed: 9 }), { stages: fakeStages().stages }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
