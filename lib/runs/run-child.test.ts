import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStartDate } from '@/pipeline/stages/generate/config';

/**
 * The warm run child: the launcher keeps one waiting at all times, so what it holds while idle is memory the
 * server always pays. Measured here as the child's resident set once it says it is ready.
 */
const idleRssBudgetMiB = 400; // under half of the 862 MiB an idle child held with an in-memory PGlite store

const root = await mkdtemp(path.join(tmpdir(), 'run-child-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

describe('run child', () => {
  it(`waits for a job in under ${idleRssBudgetMiB} MiB, then runs it`, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('lib', 'runs', 'run-child.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const messages: Array<Record<string, unknown>> = [];
    const arrived = (type: string, status?: string) =>
      new Promise<void>((resolve) => {
        const check = () =>
          messages.some((m) => m.type === type && (status === undefined || m.status === status));
        if (check()) return resolve();
        lines.on('line', () => check() && resolve());
      });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => messages.push(JSON.parse(line) as Record<string, unknown>));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await arrived('status', 'ready');
      // Let anything still settling after the imports (JIT, lazy allocations) show up in the figure.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const idle = await residentMiB(child.pid!);
      console.log(`idle run child: ${idle.toFixed(0)} MiB resident`);
      expect(idle).toBeLessThan(idleRssBudgetMiB);

      const config = {
        seed: 3,
        events: 1000,
        days: 1,
        faults: 'none',
        tier: 'embedded',
        startDate: defaultStartDate,
        partitions: 4,
      };
      const job = {
        runId: 'child-test',
        runDir: path.join(root, 'run'),
        runStoreDir: path.join(root, 'store'),
        config,
        until: 'generate',
      };
      child.stdin.end(`${JSON.stringify(job)}\n`);
      await arrived('done');
      expect(messages.find((m) => m.type === 'done')).toMatchObject({ status: 'pending' });
      expect(
        messages.some((m) => m.type === 'stage' && (m.record as { status?: string }).status === 'succeeded'),
      ).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
  }, 120_000);
});
