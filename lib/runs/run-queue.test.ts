import { describe, expect, it } from 'vitest';
import { isQueueFullError, RunQueue } from './run-queue';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RunQueue', () => {
  it('runs at most `limit` jobs at once and starts the queued ones in order as slots free', async () => {
    const queue = new RunQueue(2);
    const jobs = [deferred(), deferred(), deferred(), deferred()];
    const started: string[] = [];
    const positions = jobs.map((job, index) =>
      queue.enqueue(`r${index}`, () => (started.push(`r${index}`), job.promise)),
    );
    await tick();
    expect(positions).toEqual([0, 0, 1, 2]);
    expect(started).toEqual(['r0', 'r1']);
    expect(queue.snapshot()).toEqual({ running: ['r0', 'r1'], queued: ['r2', 'r3'] });
    jobs[1]!.resolve();
    await tick();
    expect(started).toEqual(['r0', 'r1', 'r2']);
    jobs[0]!.reject(new Error('stage failed'));
    await tick();
    expect(started).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(queue.snapshot().queued).toEqual([]);
  });

  it('refuses a second job for the same run and cancels a waiting one', async () => {
    const queue = new RunQueue(1);
    const first = deferred();
    queue.enqueue('a', () => first.promise);
    expect(() => queue.enqueue('a', () => Promise.resolve())).toThrow(/already queued or running/);
    let ranB = false;
    queue.enqueue('b', async () => {
      ranB = true;
    });
    expect(queue.cancel('b')).toBe(true);
    first.resolve();
    await tick();
    await tick();
    expect(ranB).toBe(false);
    expect(queue.has('a')).toBe(false);
  });

  it('refuses a job past `maxWaiting` waiting ones, with a retry delay, and takes one again once a slot frees', async () => {
    const queue = new RunQueue(1, 2);
    const first = deferred();
    queue.enqueue('a', () => first.promise);
    queue.enqueue('b', () => Promise.resolve());
    queue.enqueue('c', () => Promise.resolve());
    const refused = (() => {
      try {
        queue.enqueue('d', () => Promise.resolve());
      } catch (error) {
        return error;
      }
    })();
    expect(isQueueFullError(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/1 runs are running and 2 are waiting/);
    expect(queue.has('d')).toBe(false);
    first.resolve();
    await tick();
    expect(queue.enqueue('d', () => Promise.resolve())).toBeGreaterThanOrEqual(0);
  });

  it('rejects a limit below one', () => {
    expect(() => new RunQueue(0)).toThrow(/positive integer/);
  });
});
