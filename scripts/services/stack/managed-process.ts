import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A server `npm run services -- up` started: a detached process that outlives the command, with its pid in
 * `<home>/<name>.pid` and its output in `<home>/<name>.log`. The pid file is what makes it ours: `down` stops
 * only a process named in one, and only while that process's command line still looks like the server we
 * started (a pid reused by another program after a reboot is left alone).
 */
export interface ManagedProcess {
  home: string;
  name: string;
  /** Whether a command line is the server we started (a path of ours, a port). */
  isOurs(commandLine: string): boolean;
}

const pidFile = (process: ManagedProcess) => join(process.home, `${process.name}.pid`);
export const logFile = (process: ManagedProcess) => join(process.home, `${process.name}.log`);

function commandLineOf(pid: number): string | undefined {
  try {
    if (existsSync(`/proc/${pid}/cmdline`))
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of our running server, or undefined (no pid file, the process is gone, or it is not ours any more). */
export function runningPid(managed: ManagedProcess): number | undefined {
  if (!existsSync(pidFile(managed))) return undefined;
  const pid = Number(readFileSync(pidFile(managed), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const commandLine = commandLineOf(pid);
  return commandLine !== undefined && managed.isOurs(commandLine) ? pid : undefined;
}

/** Starts the server detached from this process (it keeps running after `up` exits) and writes its pid file. */
export async function startDetached(
  managed: ManagedProcess,
  command: string,
  args: string[],
): Promise<number> {
  mkdirSync(managed.home, { recursive: true });
  const log = openSync(logFile(managed), 'a');
  try {
    const child = spawn(command, args, { cwd: managed.home, detached: true, stdio: ['ignore', log, log] });
    const pid = await new Promise<number>((started, failed) => {
      child.once('spawn', () => started(child.pid ?? 0));
      child.once('error', (error) => failed(new Error(`Cannot start ${command}: ${error.message}`)));
    });
    child.unref();
    writeFileSync(pidFile(managed), `${pid}\n`);
    return pid;
  } finally {
    closeSync(log);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; removes the pid file. Says what it did. */
export async function stopManaged(managed: ManagedProcess, graceMs = 30_000): Promise<string> {
  const pid = runningPid(managed);
  rmSync(pidFile(managed), { force: true });
  if (pid === undefined) return 'not running';
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < graceMs; waited += 100) {
    if (!isAlive(pid)) return `stopped (pid ${pid})`;
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
  return `killed after ${graceMs / 1000} s (pid ${pid})`;
}

/** The last lines the server wrote, for an error message. */
export function logTail(managed: ManagedProcess, lines = 15): string {
  if (!existsSync(logFile(managed))) return '';
  return readFileSync(logFile(managed), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Polls `probe` until it reports ok. Fails early when the process died, and after `timeoutMs` with the probe's
 * last reason and the end of the server's log.
 */
export async function waitUntilHealthy(
  managed: ManagedProcess,
  probe: () => Promise<{ ok: boolean; detail: string }>,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < deadline) {
    const result = await probe();
    if (result.ok) return;
    last = result.detail;
    if (runningPid(managed) === undefined) {
      throw new Error(
        `${managed.name} exited while starting. Its log (${logFile(managed)}) ends with:\n${logTail(managed)}`,
      );
    }
    await sleep(500);
  }
  throw new Error(
    `${managed.name} did not become healthy within ${timeoutMs / 1000} s (${last}). Its log (${logFile(managed)}) ends with:\n${logTail(managed)}`,
  );
}
