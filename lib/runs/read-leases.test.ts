import { describe, expect, it } from 'vitest';
import { ReadLeases } from './read-leases';

describe('ReadLeases', () => {
  it('is idle at once when nothing is read', async () => {
    await expect(new ReadLeases().idle('run')).resolves.toBeUndefined();
  });

  it('makes a job wait until every in-flight read of its run has finished, not reads of other runs', async () => {
    const leases = new ReadLeases();
    let finishFirst!: () => void;
    let finishSecond!: () => void;
    const first = leases.hold('run', () => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = leases.hold('run', () => new Promise<void>((resolve) => (finishSecond = resolve)));
    void leases.hold('other', () => new Promise<void>(() => undefined));
    let started = false;
    const job = leases.idle('run').then(() => (started = true));
    finishFirst();
    await first;
    expect(started).toBe(false);
    finishSecond();
    await second;
    await job;
    expect(started).toBe(true);
  });

  it('releases the lease when the read throws', async () => {
    const leases = new ReadLeases();
    await expect(leases.hold('run', () => Promise.reject(new Error('locked')))).rejects.toThrow('locked');
    await expect(leases.idle('run')).resolves.toBeUndefined();
  });
});
