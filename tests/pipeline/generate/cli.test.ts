import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '@/pipeline/cli';
import type { CliIo } from '@/pipeline/cli/types';
import { fixedClock } from '@/pipeline/core/clock';
import { tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function io(cwd: string, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    clock: fixedClock(0),
    cwd,
    signal,
  };
  return { value, stdout: () => out.join(''), stderr: () => err.join('') };
}

function fresh(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
}

describe('npm run pipeline -- generate', () => {
  it('writes the four entity files and ground-truth.json, and logs one JSON line when not on a TTY', async () => {
    const cwd = fresh('cli-ok');
    const streams = io(cwd);
    const code = await runCli(
      ['generate', '--events', '2000', '--seed', '3', '--out', 'data'],
      streams.value,
    );
    expect(code).toBe(0);
    expect(readdirSync(join(cwd, 'data')).sort()).toEqual([
      'events.ndjson',
      'ground-truth.json',
      'orders.ndjson',
      'products.ndjson',
      'users.ndjson',
    ]);
    const record = JSON.parse(streams.stderr().trim()) as {
      message: string;
      stage: string;
      fields: { clean: { events: number } };
    };
    expect(record.message).toBe('dataset generated');
    expect(record.stage).toBe('generate');
    expect(record.fields.clean.events).toBe(2000);
  });

  it.each([
    [['--format', 'xml'], /--format must be one of ndjson, csv, parquet \(got "xml"\)/],
    [['--events=-5'], /--events must be a whole number from 1 to 20,000,000 \(got "-5"\)/],
    [['--events', '0'], /--events must be a whole number from 1/],
    [['--events', '1e12'], /--events must be a whole number/],
    [['--events', '99999999999'], /--events must be a whole number from 1 to 20,000,000/],
    [['--faults', 'some'], /--faults must be one of none, realistic, chaos/],
    [['--start-date', '24/08/2025'], /--start-date must be a date like 2025-08-24/],
    [['--format', 'parquet', '--gzip'], /already zstd-compressed/],
    [['--colour'], /Unknown option '--colour'/],
  ])('rejects %j with exit 64, a clear message and no files', async (flags, message) => {
    const cwd = fresh('cli-bad');
    const streams = io(cwd);
    const setsEvents = flags.some((flag) => flag.startsWith('--events'));
    const code = await runCli(
      ['generate', ...flags, ...(setsEvents ? [] : ['--events', '1000']), '--out', 'data'],
      streams.value,
    );
    expect(code).toBe(64);
    const error = JSON.parse(streams.stderr().split('\n')[0]!) as { code: string; message: string };
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(message);
    expect(existsSync(join(cwd, 'data')) ? readdirSync(join(cwd, 'data')) : []).toEqual([]);
  });

  it('fails with IO_ERROR (exit 74) when --out cannot be a directory, leaving nothing behind', async () => {
    const cwd = fresh('cli-io');
    writeFileSync(join(cwd, 'taken'), 'a file, not a directory');
    const streams = io(cwd);
    const code = await runCli(['generate', '--events', '1000', '--out', 'taken/data'], streams.value);
    expect(code).toBe(74);
    expect(streams.stderr()).toMatch(/IO_ERROR.*taken\/data/);
    expect(readdirSync(cwd)).toEqual(['taken']);
  });

  it('removes every partial file when a write fails midway', async () => {
    const cwd = fresh('cli-partial');
    const out = join(cwd, 'data');
    mkdirSync(out);
    // A directory where the orders file's partial must go makes that open fail after others were created.
    mkdirSync(join(out, 'orders.ndjson.partial'));
    const streams = io(cwd);
    const code = await runCli(['generate', '--events', '1000', '--out', 'data'], streams.value);
    expect(code).toBe(74);
    expect(readdirSync(out)).toEqual(['orders.ndjson.partial']);
  });

  it('fails cleanly when the events writer thread cannot write, leaving no finished or partial files', async () => {
    const cwd = fresh('cli-worker');
    const out = join(cwd, 'data');
    mkdirSync(out);
    mkdirSync(join(out, 'events.ndjson.partial'));
    const streams = io(cwd);
    const code = await runCli(['generate', '--events', '50000', '--out', 'data'], streams.value);
    expect(code).toBe(74);
    expect(streams.stderr()).toMatch(/IO_ERROR.*events\.ndjson\.partial/);
    expect(readdirSync(out)).toEqual(['events.ndjson.partial']);
  });

  it('removes the files already in place when the last one (ground-truth.json) fails', async () => {
    const cwd = fresh('cli-last');
    const out = join(cwd, 'data');
    mkdirSync(out);
    mkdirSync(join(out, 'ground-truth.json.partial'));
    const streams = io(cwd);
    const code = await runCli(['generate', '--events', '20000', '--out', 'data'], streams.value);
    expect(code).toBe(74);
    expect(readdirSync(out)).toEqual(['ground-truth.json.partial']);
  });

  it('stops on cancellation (exit 130) and keeps no output', async () => {
    const cwd = fresh('cli-cancel');
    const controller = new AbortController();
    controller.abort();
    const streams = io(cwd, controller.signal);
    const code = await runCli(['generate', '--events', '100000', '--out', 'data'], streams.value);
    expect(code).toBe(130);
    expect(readdirSync(join(cwd, 'data'))).toEqual([]);
  });

  it('lists commands on help and rejects unknown commands', async () => {
    const streams = io(process.cwd());
    expect(await runCli(['help'], streams.value)).toBe(0);
    expect(streams.stdout()).toMatch(/generate\s+Generate users/);
    const unknown = io(process.cwd());
    expect(await runCli(['launch'], unknown.value)).toBe(64);
    expect(unknown.stderr()).toContain('Unknown command \\"launch\\"');
  });

  it('exits with the mapped code from the real entry point', async () => {
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'pipeline/cli.ts', 'generate', '--events', '0'], {
      cwd: process.cwd(),
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(64);
    expect(failure?.stderr).toMatch(/--events must be a whole number/);
  });
});
