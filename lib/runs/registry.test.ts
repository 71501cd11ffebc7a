import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { listRuns, readManifest } from './registry.server';

let runsDir: string;

function manifest(runId: string, startedAt: string): object {
  return {
    runId,
    seed: 42,
    config: {
      seed: 42,
      events: 1000,
      days: 14,
      faults: 'realistic',
      tier: 'embedded',
      startDate: '2026-01-05',
      partitions: 4,
    },
    tier: 'embedded',
    toolVersion: '0.1.0',
    startedAt,
    finishedAt: null,
    status: 'succeeded',
    stages: [],
  };
}

beforeAll(async () => {
  runsDir = await mkdtemp(path.join(tmpdir(), 'registry-'));
  for (const [runId, startedAt] of [
    ['older', '2026-01-01T00:00:00.000Z'],
    ['newer', '2026-02-01T00:00:00.000Z'],
  ] as const) {
    await mkdir(path.join(runsDir, runId));
    await writeFile(path.join(runsDir, runId, 'manifest.json'), JSON.stringify(manifest(runId, startedAt)));
  }
  await writeFile(path.join(runsDir, 'newer', 'warehouse.duckdb'), Buffer.alloc(1234));
  await mkdir(path.join(runsDir, 'broken'));
  await writeFile(
    path.join(runsDir, 'broken', 'manifest.json'),
    JSON.stringify({ ...manifest('broken', 'x'), seed: 'no' }),
  );
  await mkdir(path.join(runsDir, 'mismatch'));
  await writeFile(path.join(runsDir, 'mismatch', 'manifest.json'), JSON.stringify(manifest('other', 'x')));
  await mkdir(path.join(runsDir, 'Not_A_Run'));
  // A run directory that is a link to another (valid) run elsewhere on the disk.
  await symlink(path.join(runsDir, 'older'), path.join(runsDir, 'linked'));
});

afterAll(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

describe('listRuns', () => {
  it('lists valid runs newest first with their warehouse size', async () => {
    const { runs } = await listRuns(runsDir);
    expect(runs.map((run) => run.runId)).toEqual(['newer', 'older']);
    expect(runs[0]).toMatchObject({
      hasWarehouse: true,
      warehouseBytes: 1234,
      events: 1000,
      status: 'succeeded',
    });
    expect(runs[1]).toMatchObject({ hasWarehouse: false, warehouseBytes: null });
  });

  it('reports broken manifests with the field at fault, and skips directories that are not run ids', async () => {
    const { invalid } = await listRuns(runsDir);
    expect(invalid.map((run) => run.runId).sort()).toEqual(['broken', 'mismatch']);
    expect(invalid.find((run) => run.runId === 'broken')?.problem).toContain('field "seed"');
    expect(invalid.find((run) => run.runId === 'mismatch')?.problem).toContain('says runId "other"');
  });

  it('neither lists nor reads a run directory that is a symbolic link, and names manifests relative to the root', async () => {
    const { runs, invalid } = await listRuns(runsDir);
    expect([...runs, ...invalid].map((run) => run.runId)).not.toContain('linked');
    await expect(readManifest('linked', runsDir)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/symbolic link/),
    });
    await expect(readManifest('absent', runsDir)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const problem of invalid.map((run) => run.problem)) expect(problem).not.toContain(runsDir);
  });

  it('treats a missing runs root as no runs', async () => {
    expect(await listRuns(path.join(runsDir, 'missing'))).toEqual({ runs: [], invalid: [] });
  });
});

describe('parseEnv', () => {
  it('defaults the runs root to .data/runs under the project', () => {
    expect(parseEnv({}, '/srv/app').runsDir).toBe('/srv/app/.data/runs');
  });

  it('names the variable when it is invalid', () => {
    expect(() => parseEnv({ PIPELINE_LAB_RUNS_DIR: '' })).toThrow(/PIPELINE_LAB_RUNS_DIR/);
  });
});
