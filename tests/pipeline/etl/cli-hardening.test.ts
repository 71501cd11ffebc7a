import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockRun } from '@/pipeline/core/run-lock';
import { openDuckDbWarehouse } from '@/pipeline/services/shared/duckdb-warehouse';
import { tempDir } from './helpers';

// The CLI as a user runs it: a child process, its exit code and its stderr.
const root = tempDir('cli-hardening');
const env = { ...process.env, PIPELINE_LAB_RUNS_DIR: join(root, 'runs') };
const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  rmSync(root, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  stderr: string;
  ms: number;
}

/**
 * Runs the CLI; a process still alive after `limitMs` is killed and reported with code null. The limits only
 * catch a process that never exits (one that kept the run store's lock stayed alive for minutes): a process start
 * alone takes 10 s and more on a loaded machine.
 */
function cli(args: string[], limitMs = 150_000): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', ...args], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: performance.now() - started });
    });
  });
}

/** The message of the CLI's one JSON error line. */
function errorMessage(outcome: Outcome): string {
  const line = outcome.stderr
    .split('\n')
    .find((text) => text.includes('"level":"error"') && text.includes('"code"'));
  return line ? (JSON.parse(line) as { message: string }).message : outcome.stderr;
}

/**
 * A directory this user cannot create files in: a read-only tmpfs where it may mount one (root ignores file
 * modes), a mode-555 directory otherwise.
 */
function readOnlyDirectory(): string | null {
  const dir = join(root, 'read-only');
  mkdirSync(dir);
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    cleanups.push(() => chmodSync(dir, 0o755));
    return dir;
  }
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', dir]).status !== 0) return null;
  cleanups.push(() => spawnSync('umount', [dir]));
  return dir;
}

describe('a bad --out', () => {
  const file = join(root, 'a-file');
  writeFileSync(file, 'not a directory\n');
  const cases: Array<[string, string, RegExp]> = [
    ['a file', file, new RegExp(`${file} is a file, not a directory`)],
    ['a path below a file', join(file, 'sub'), new RegExp(`${file} is a file, not a directory`)],
  ];
  const readOnly = readOnlyDirectory();
  if (readOnly) {
    cases.push(['a read-only directory', readOnly, /read-only file system|may not write/]);
    cases.push([
      'a directory to create in a read-only one',
      join(readOnly, 'new'),
      /read-only file system|may not write/,
    ]);
  }

  it('is refused before anything opens: exit 64, one line naming the path and what was expected, no stack', async () => {
    // In parallel: each is a process start, the slow part here.
    const outcomes = await Promise.all(
      cases.map(([, out]) => cli(['run', '--events', '50', '--out', out], 100_000)),
    );
    cases.forEach(([label, out, reason], index) => {
      const outcome = outcomes[index]!;
      expect([label, outcome.code]).toEqual([label, 64]);
      const message = errorMessage(outcome);
      expect(message).toMatch(reason);
      expect(message).toContain(`--out ${out}`);
      expect(message).toContain('Expected a directory that exists or can be created');
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
    });
    // Nothing was opened: the shared run store was not even created, so it holds no lock.
    expect(existsSync(join(root, 'runstore'))).toBe(false);
  }, 150_000);
});

describe('run and step on one run directory', () => {
  it('a refused step changes nothing; a resume removes the temporary files of killed processes, not of live ones', async () => {
    const dir = join(root, 'runs', 'partial');
    expect((await cli(['run', '--events', '300', '--until', 'produce', '--out', dir])).code).toBe(0);
    const before = readFileSync(join(dir, 'manifest.json'), 'utf8');
    expect(JSON.parse(before)).toMatchObject({ status: 'pending' });

    const step = await cli(['step', 'validate', '--run', dir]);
    expect(step.code).toBe(75);
    expect(errorMessage(step)).toContain('needs ingest to have succeeded first');
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, '.run.lock'))).toBe(false);

    // What a kill -9 in the middle of ingest's writes leaves: `<object>.tmp-<pid>-<n>` files in the lake.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const raw = join(dir, 'lake', 'raw', 'events', 'event_date=2025-08-24');
    const quarantine = join(dir, 'lake', 'quarantine', 'events', 'ingest');
    mkdirSync(raw, { recursive: true });
    mkdirSync(quarantine, { recursive: true });
    const leftovers = [
      join(raw, `part-0-0-9.ndjson.tmp-${dead}-3`),
      join(quarantine, `part-1-0-9.ndjson.tmp-${dead}-4`),
      join(dir, `manifest.json.tmp-${dead}-7`),
    ];
    const live = join(raw, `part-2-0-9.ndjson.tmp-${process.pid}-1`);
    for (const path of [...leftovers, live]) writeFileSync(path, '{"half":');

    const resumed = await cli(['run', '--events', '300', '--until', 'ingest', '--out', dir]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({
      stages: expect.arrayContaining([expect.objectContaining({ name: 'ingest', status: 'succeeded' })]),
    });
    expect(leftovers.filter((path) => existsSync(path))).toEqual([]);
    expect(existsSync(live)).toBe(true);
  }, 300_000);

  it('a second run into a directory another process is running in is refused by the run lock at once', async () => {
    const dir = join(root, 'runs', 'busy');
    mkdirSync(dir, { recursive: true });
    // This process plays the run in progress: it holds the run lock and the run's DuckDB file, as a run does.
    const unlock = await lockRun(dir);
    const warehouse = await openDuckDbWarehouse({ path: join(dir, 'work', 'etl.duckdb') });
    try {
      const second = await cli(['run', '--events', '300', '--out', dir], 100_000);
      expect(second.code).toBe(75);
      expect(errorMessage(second)).toBe(
        `The run in ${dir} is being worked on by process ${process.pid}. Wait for it, or stop that process.`,
      );
    } finally {
      await warehouse.close();
      await unlock();
    }
  }, 150_000);
});
