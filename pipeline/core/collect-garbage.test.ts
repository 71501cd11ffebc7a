import { describe, expect, it } from 'vitest';
import { collectGarbage } from './collect-garbage';

describe('collectGarbage', () => {
  it('collects what nothing refers to any more, even in a process started without --expose-gc', async () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined'); // the flag-less path is the one tested
    let garbage: Buffer[] | null = Array.from({ length: 4 }, () => Buffer.alloc(1024 * 1024, 1));
    const weak = new WeakRef(garbage);
    garbage = null;
    // A WeakRef's target stays alive until the current job ends: collect in a later one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
  });
});
