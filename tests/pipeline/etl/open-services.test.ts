import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '@/pipeline/core/clock';
import { createServices } from '@/pipeline/services/create-services';
import { openPgliteRunStore } from '@/pipeline/services/embedded/pglite-run-store';
import { tempDir } from './helpers';

describe('createServices', () => {
  it('closes the parts it opened when another part fails to open, so no lock is left held', async () => {
    const root = tempDir('open-services');
    const runDir = join(root, 'run');
    const runStoreDir = join(root, 'runstore');
    // The warehouse cannot open (its folder is a file); the run store can, and does.
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'work'), 'not a directory\n');
    const failure = createServices({ tier: 'embedded', runDir, runStoreDir, clock: systemClock });
    await expect(failure).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringContaining(`a part of ${join(runDir, 'work', 'etl.duckdb')} is a file`),
    });
    expect(existsSync(join(runStoreDir, '.lock'))).toBe(false);
    expect(existsSync(join(runDir, '.run.lock'))).toBe(false);
    // The run store is free for the next process at once (not after the 120 s wait for a live holder).
    const store = await openPgliteRunStore({ dir: runStoreDir, lockTimeoutMs: 0 });
    await store.close();
  }, 60_000);
});
