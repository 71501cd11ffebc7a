import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PipelineError } from '@/pipeline/contracts/errors';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import type { RunStore } from '@/pipeline/contracts/services';
import type { StageDefinition } from '@/pipeline/contracts/stage';
import { systemClock } from '@/pipeline/core/clock';
import { manifestPath } from '@/pipeline/core/manifest-file';
import { runPipeline } from '@/pipeline/run';
import { config, openTestRunStore, quietLog, servicesFor, tempDir } from './helpers';

/**
 * A disk that fills up mid-run. Where this process may mount one (root), a real 2 MB tmpfs that a stage fills
 * with a file; elsewhere an injected ENOSPC from the manifest's writes (half a file written, then the error), the
 * one fault a test without a mount cannot produce for real.
 */
const injected = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof actual.writeFile = async (path, data, options) => {
    if (injected.full && String(path).includes('manifest.json.tmp-')) {
      await actual.writeFile(path, String(data).slice(0, 100));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
    }
    return actual.writeFile(path, data, options);
  };
  return { ...actual, writeFile, default: { ...actual, writeFile } };
});

interface Disk {
  dir: string;
  fill(): void;
  free(): void;
}

const root = tempDir('full-disk');
function smallDisk(): Disk {
  const dir = join(root, 'disk');
  mkdirSync(dir);
  const filler = join(dir, 'filler');
  if (
    process.getuid?.() === 0 &&
    spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir]).status === 0
  ) {
    return {
      dir,
      fill() {
        try {
          writeFileSync(filler, Buffer.alloc(4 << 20));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        }
      },
      free: () => rmSync(filler, { force: true }),
    };
  }
  return { dir, fill: () => (injected.full = true), free: () => (injected.full = false) };
}

let disk: Disk;
let runs: RunStore;
beforeAll(async () => {
  disk = smallDisk();
  runs = await openTestRunStore();
});
afterAll(async () => {
  await runs.close();
  spawnSync('umount', [join(root, 'disk')]);
  rmSync(root, { recursive: true, force: true });
});

const result = { inputRows: 1, outputRows: 1, rejectedRows: 0, rejectReasons: {}, outputs: [], metrics: {} };

describe('the disk fills up while a stage runs', () => {
  const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  it.each([
    [
      'own',
      'the stage fails on its own',
      new PipelineError('CORRUPT_DATA', 'generate: the seed file is damaged.'),
      'CORRUPT_DATA',
      'generate: the seed file is damaged.',
    ],
    [
      'enospc',
      'the stage fails on the full disk itself',
      enospc,
      'IO_ERROR',
      'Stage generate failed: the disk is full (no space left on the device holding',
    ],
    ['succeeds', 'the stage succeeds', null, 'IO_ERROR', 'Could not save'],
  ] as const)(
    '%s: %s: the stage is failed in memory and in the run store, the message says the disk is full and where, no temporary file stays, the next run resumes',
    async (key, _label, stageError, code, start) => {
      const runId = `full-${key}`;
      const runDir = join(disk.dir, runId);
      const filling: StageDefinition = {
        name: 'generate',
        async run() {
          disk.fill();
          if (stageError) throw stageError;
          return result;
        },
      };
      const seen: StageRecord[] = [];
      const services = await servicesFor(runDir, runs);
      try {
        const failure = await runPipeline({
          runId,
          runDir,
          config: config(),
          services,
          clock: systemClock,
          log: quietLog,
          stages: [filling],
          until: 'generate',
          retry: { maxAttempts: 1 },
          onStage: (record) => seen.push({ ...record }),
        }).then(
          () => null,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(PipelineError);
        const { message } = failure as PipelineError;
        expect((failure as PipelineError).code).toBe(code);
        expect(message.startsWith(start)).toBe(true);
        expect(message).toContain(
          `Could not save ${manifestPath(runDir)}: the disk is full (no space left on the device holding ${runDir})`,
        );
        expect(seen.at(-1)).toMatchObject({ name: 'generate', status: 'failed', error: { code } });
        const stored = await runs.getStages(runId);
        expect(stored.find((stage) => stage.stage === 'generate')?.status).toBe('failed');
        expect(readdirSync(runDir).filter((name) => name.includes('.tmp-'))).toEqual([]);
      } finally {
        disk.free();
        await services.close();
      }

      const again = await servicesFor(runDir, runs);
      try {
        const resumed = await runPipeline({
          runId,
          runDir,
          config: config(),
          services: again,
          clock: systemClock,
          log: quietLog,
          stages: [{ name: 'generate', run: async () => result }],
          until: 'generate',
        });
        expect(resumed.stages[0]).toMatchObject({ name: 'generate', status: 'succeeded', attempts: 2 });
      } finally {
        await again.close();
      }
    },
  );
});

describe('the generate stage on a full disk', () => {
  it('says the disk is full, not that a directory is missing or unwritable', async () => {
    // /dev/full fails every write with ENOSPC: the events file's partial is made to point there.
    const out = join(root, 'generated');
    mkdirSync(out);
    symlinkSync('/dev/full', join(out, 'events.ndjson.partial'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'pipeline/cli.ts', 'generate', '--events', '20000', '--out', out],
      { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(74);
    const { message } = JSON.parse(stderr.trim().split('\n').at(-1)!) as { message: string };
    expect(message).toBe(
      `Cannot write ${join(out, 'events.ndjson.partial')}: the disk is full (no space left on the device holding ${join(out, 'events.ndjson.partial')}).`,
    );
  }, 60_000);
});
