import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@/pipeline/cli';
import type { RunConfig } from '@/pipeline/contracts/manifest';
import type { Services } from '@/pipeline/contracts/services';
import type { LogRecord, StageContext, StageProgress } from '@/pipeline/contracts/stage';
import { fixedClock } from '@/pipeline/core/clock';
import { createLogger } from '@/pipeline/core/logger';
import { createRandom } from '@/pipeline/core/random';
import { generateStage } from '@/pipeline/stages/generate/stage';
import { readGroundTruth, sha256, tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('generateStage', () => {
  it('writes generated/<entity>.ndjson and ground-truth.json and reports rows, hashes and per-entity counts', async () => {
    const runDir = tempDir('stage');
    dirs.push(runDir);
    const config: RunConfig = {
      seed: 5,
      events: 5000,
      days: 7,
      faults: 'realistic',
      tier: 'embedded',
      startDate: '2025-08-24',
      partitions: 4,
    };
    const records: LogRecord[] = [];
    const progress: StageProgress[] = [];
    const context: StageContext = {
      runId: 'test-run',
      runDir,
      config,
      // The generate stage writes files only; it never touches the services.
      services: {} as Services,
      clock: fixedClock(0),
      random: createRandom(config.seed).fork('generate'),
      log: createLogger({
        sink: { write: () => undefined },
        clock: fixedClock(0),
        onRecord: (record) => records.push(record),
      }),
      signal: new AbortController().signal,
      progress: (update) => progress.push(update),
    };
    const result = await generateStage.run(context);
    expect(result.outputs.map((output) => output.path)).toEqual([
      'generated/users.ndjson',
      'generated/products.ndjson',
      'generated/events.ndjson',
      'generated/orders.ndjson',
      'ground-truth.json',
    ]);
    for (const output of result.outputs) expect(output.sha256).toBe(sha256(join(runDir, output.path)));
    expect(existsSync(join(runDir, 'generated', 'ground-truth.json'))).toBe(false);
    const truth = readGroundTruth(runDir);
    const metrics = result.metrics as {
      emitted: Record<string, number>;
      clean: Record<string, number>;
      writerThread: boolean;
    };
    expect(metrics.writerThread).toBe(true);
    expect(metrics.emitted).toEqual(truth.emitted);
    expect(metrics.clean).toEqual(truth.clean);
    expect(result.outputRows).toBe(Object.values(truth.emitted).reduce((sum, rows) => sum + rows, 0));
    expect(result.outputs[2]?.rows).toBe(truth.emitted.events);
    expect(progress.at(-1)).toEqual({ done: 5000, total: 5000, unit: 'events' });
    expect(records.map((record) => record.stage)).toEqual(['generate', 'generate']);

    // `npm run pipeline -- generate` with the same settings writes the same bytes (the runner forks the seed's
    // random source by stage name, as generatorRandom does).
    const cliDir = tempDir('stage-cli');
    dirs.push(cliDir);
    const streams = { write: () => undefined };
    const code = await runCli(
      [
        'generate',
        '--seed',
        '5',
        '--events',
        '5000',
        '--days',
        '7',
        '--faults',
        'realistic',
        '--start-date',
        '2025-08-24',
        '--out',
        cliDir,
      ],
      { stdout: streams, stderr: streams, clock: fixedClock(0), cwd: cliDir },
    );
    expect(code).toBe(0);
    for (const output of result.outputs) {
      expect(sha256(join(cliDir, output.path.replace('generated/', ''))), output.path).toBe(output.sha256);
    }
  });
});
