import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PipelineError } from '@/pipeline/contracts/errors';
import type { RunConfig } from '@/pipeline/contracts/manifest';
import type { StageName } from '@/pipeline/contracts/stages';
import { env } from '@/lib/env';
import { RunChannel } from './run-channel';
import { ReadLeases } from './read-leases';
import { RunQueue } from './run-queue';
import { readManifest, runDirectory } from './registry.server';
import { removeRunFromServices } from '@/pipeline/services/create-services';

/**
 * Starts pipeline runs in child processes (lib/runs/run-child.ts), at most `maxConcurrentRuns` at once and queued
 * beyond that, and relays what the child prints into each run's RunChannel for the SSE route. One warm child is
 * kept ready so a run does not pay the pipeline's import time. State lives on globalThis so Next's module
 * re-evaluation in development does not lose running jobs.
 */
export const maxConcurrentRuns = 2;
/** Jobs that may wait for a slot; past that a start is refused (429) rather than queued for hours. */
export const maxQueuedRuns = 4;

interface LauncherState {
  queue: RunQueue;
  channels: Map<string, RunChannel>;
  children: Map<string, ChildProcess>;
  warm: ChildProcess | null;
  /** The console's read-only opens of a run's DuckDB files (stage samples, streaming view). */
  reads: ReadLeases;
  /** Each child's output; on the shared state because every route bundle has its own copy of this module. */
  outputs: WeakMap<ChildProcess, ChildOutput>;
}

/** A child's stdout, read from its start: who gets its lines, and whether it has said it is ready. */
interface ChildOutput {
  ready: boolean;
  onLine: ((line: string) => void) | null;
}
const globalKey = Symbol.for('pipeline-lab.launcher');
const holder = globalThis as unknown as Record<symbol, LauncherState | undefined>;
const state: LauncherState = (holder[globalKey] ??= {
  queue: new RunQueue(maxConcurrentRuns, maxQueuedRuns),
  channels: new Map(),
  children: new Map(),
  warm: null,
  reads: new ReadLeases(),
  outputs: new WeakMap(),
});
// A launcher state kept on globalThis by an older module version (development reloads) lacks the leases.
state.reads ??= new ReadLeases();
state.outputs ??= new WeakMap();

/** Each console run has its own PGlite run store (PGlite is single-process), beside the runs root. */
// Warm a child as soon as the console's API is first used, so the first run does not pay the import time either.
state.warm ??= spawnChild();

export function runStoreFor(runId: string): string {
  return path.join(path.dirname(env().runsDir), 'runstore-web', runDirectory(runId).split(path.sep).pop()!);
}

export function channelFor(runId: string): RunChannel {
  let channel = state.channels.get(runId);
  if (!channel) state.channels.set(runId, (channel = new RunChannel()));
  return channel;
}

export function hasChannel(runId: string): boolean {
  return state.channels.has(runId);
}

export function isActive(runId: string): boolean {
  return state.queue.has(runId);
}

function spawnChild(): ChildProcess {
  const entry = path.join(process.cwd(), 'lib', 'runs', 'run-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'pipe'],
    env: process.env,
  });
  child.on('error', () => undefined);
  // A warm child prints {"type":"status","status":"ready"} once it has loaded the pipeline, before it has a job;
  // reading from the start records that (warmChildReady) without losing a line to a late listener.
  const output: ChildOutput = { ready: false, onLine: null };
  state.outputs.set(child, output);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (output.onLine) output.onLine(line);
    else if (/"status":"ready"/.test(line)) output.ready = true;
  });
  return child;
}

/** Whether the next run starts in a child that has already loaded the pipeline (GET /api/runs reports it). */
export function warmChildReady(): boolean {
  const warm = state.warm;
  return Boolean(warm && warm.exitCode === null && state.outputs.get(warm)?.ready);
}

function takeChild(): ChildProcess {
  const warm = state.warm;
  state.warm = null;
  const child = warm && warm.exitCode === null && !warm.killed ? warm : spawnChild();
  state.warm = spawnChild();
  return child;
}

export interface LaunchOptions {
  runId: string;
  config: RunConfig;
  until?: StageName;
  only?: StageName;
  /** Where the run lives when it is not a console run (an incident round's hidden seeds): outside the runs root. */
  runDir?: string;
}

/** Queues a job for a run; returns its queue position (0 = started). */
export async function launch(options: LaunchOptions): Promise<number> {
  if (state.queue.has(options.runId))
    throw new PipelineError(
      'CONFLICT',
      `Run ${options.runId} already has a job queued or running; wait for it to finish.`,
    );
  const runDir = options.runDir ?? runDirectory(options.runId);
  // Queued (or refused) before anything is awaited or written, so concurrent starts cannot all pass the bound and a
  // refused one leaves no run directory behind. A read that began before the job was queued may still hold a
  // DuckDB lock: the child starts after it.
  const position = state.queue.enqueue(options.runId, () =>
    mkdir(runDir, { recursive: true })
      .then(() => state.reads.idle(options.runId))
      .then(() => runChild(options, runDir, channelFor(options.runId))),
  );
  const what = options.only
    ? `stage ${options.only}`
    : options.until
      ? `stages up to ${options.until}`
      : 'all stages';
  channelFor(options.runId).push('status', { status: 'queued', what, at: Date.now() });
  await mkdir(runDir, { recursive: true });
  return position;
}

/**
 * Runs `read` with the run's DuckDB files readable, or returns `whenBusy` without reading while a job of the run
 * is queued or running. A job queued during the read waits for it (see launch).
 */
export function readWhenIdle<T>(runId: string, read: (tablesReadable: boolean) => Promise<T>): Promise<T> {
  if (isActive(runId)) return read(false);
  return state.reads.hold(runId, () => read(true));
}

function runChild(options: LaunchOptions, runDir: string, channel: RunChannel): Promise<void> {
  return new Promise((resolve) => {
    const child = takeChild();
    state.children.set(options.runId, child);
    const job = {
      runId: options.runId,
      runDir,
      runStoreDir: runStoreFor(options.runId),
      config: options.config,
      until: options.until,
      only: options.only,
    };
    let finished = false;
    const onLine = (line: string) => {
      let message: { type?: string; [key: string]: unknown };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        channel.push('log', { level: 'info', message: line, time: Date.now() });
        return;
      }
      if (message.type === 'progress')
        channel.push('progress', { ...message, key: String(message.stage) }, String(message.stage));
      else if (message.type === 'log') channel.push('log', message.record);
      else if (message.type === 'stage') channel.push('stage', message.record);
      else if (message.type === 'done') {
        finished = true;
        // The child closed its run store before saying done: free the slot now rather than at process exit.
        resolve();
        channel.push('done', message);
      } else if (message.type === 'status' && message.status === 'started')
        channel.push('status', { status: 'running', at: Date.now() });
    };
    // The handler is in place before the job is written, so no line of the run can arrive unclaimed.
    const output = state.outputs.get(child);
    if (output) output.onLine = onLine;
    else createInterface({ input: child.stdout! }).on('line', onLine); // a child from before a dev-mode reload
    child.stdin?.end(`${JSON.stringify(job)}\n`);
    const errors: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
    child.on('exit', (code) => {
      if (state.children.get(options.runId) === child) state.children.delete(options.runId);
      if (!finished)
        channel.push('done', {
          status: 'failed',
          error: `the run process exited with code ${code}: ${errors.join('').slice(-500)}`,
        });
      resolve();
    });
  });
}

/**
 * Stops a run's process (if any) and removes its directory and run store; a services-tier run's topics, objects,
 * rows and keys on the shared systems first (when they cannot be reached, nothing is removed and the error says
 * why, so the run can be deleted again once they are up).
 */
export async function deleteRun(runId: string): Promise<void> {
  const runDir = runDirectory(runId);
  const tier = await readManifest(runId).then(
    (manifest) => manifest.config.tier,
    () => 'embedded' as const,
  );
  state.queue.cancel(runId);
  const child = state.children.get(runId);
  if (child) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  }
  state.channels.delete(runId);
  await removeRunFromServices({ tier, runDir }).catch((cause: unknown) => {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Cannot remove the run's data from the services: ${reason.slice(0, 300)}. Start them (npm run services -- up) and delete it again.`,
      { cause },
    );
  });
  await rm(runDir, { recursive: true, force: true });
  await rm(runStoreFor(runId), { recursive: true, force: true });
}

export function queueSnapshot() {
  return state.queue.snapshot();
}
