import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema, type Manifest } from '@/pipeline/contracts/manifest';
import type { RunStore } from '@/pipeline/contracts/services';
import { config, openTestRunStore, runInDir, tempDir } from './helpers';

const root = tempDir('kill');
const env = { ...process.env, PIPELINE_LAB_RUNS_DIR: join(root, 'runs') };
const args = ['--import', 'tsx', 'pipeline/cli.ts', 'run', '--events', '40000', '--faults', 'realistic'];

function readManifest(dir: string): Manifest | null {
  try {
    return manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  } catch {
    return null;
  }
}

function runCli(dir: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, '--out', dir], {
      cwd: process.cwd(),
      env,
      stdio: 'ignore',
    });
    child.on('exit', (code) => resolve(code));
  });
}

let runs: RunStore;
beforeAll(async () => {
  runs = await openTestRunStore();
});
afterAll(async () => {
  await runs.close();
});

describe('a run killed mid-stage', () => {
  it('resumes from the last succeeded stage and ends with the same outputs as an uninterrupted run', async () => {
    const dir = join(root, 'runs', 'killed');
    const child = spawn(process.execPath, [...args, '--out', dir], {
      cwd: process.cwd(),
      env,
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill it with SIGKILL (no clean-up can run) as soon as a batch stage is running.
    let killedDuring: string | undefined;
    while (killedDuring === undefined) {
      const running = readManifest(dir)?.stages.find((stage) => stage.status === 'running');
      if (running && ['validate', 'dedupe', 'model', 'aggregate', 'export'].includes(running.name)) {
        child.kill('SIGKILL');
        killedDuring = running.name;
      } else if (child.exitCode !== null) {
        throw new Error('the run finished before it could be killed');
      } else {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    await exited;
    const interrupted = readManifest(dir)!;
    expect(interrupted.stages.find((stage) => stage.name === killedDuring)?.status).toBe('running');
    expect(interrupted.status).toBe('running');
    expect(existsSync(join(dir, '.run.lock'))).toBe(true); // left behind by the killed process: stale, taken over

    expect(await runCli(dir)).toBe(0);
    const resumed = readManifest(dir)!;
    expect(resumed.status).toBe('succeeded');
    const stage = resumed.stages.find((record) => record.name === killedDuring)!;
    expect(stage.attempts).toBe(2);
    // Stages that had finished before the kill were not run again.
    expect(resumed.stages.find((record) => record.name === 'generate')?.attempts).toBe(1);

    const reference = await runInDir(
      tempDir('reference'),
      runs,
      config({ events: 40_000, faults: 'realistic' }),
    );
    const outputs = (manifest: Manifest) =>
      manifest.stages.flatMap((record) =>
        record.outputs.map((output) => `${output.path} ${output.rows} ${output.sha256}`),
      );
    expect(outputs(resumed)).toEqual(outputs(reference));
  }, 120_000);
});
