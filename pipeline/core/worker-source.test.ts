import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'worker-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** bundledWorkerSource as a new process would see it: its in-memory map empty, the disk cache as it is. */
async function freshBundle(entry: URL): Promise<string | null> {
  vi.resetModules();
  const { bundledWorkerSource } = await import('./worker-source');
  return bundledWorkerSource(entry);
}

describe('bundledWorkerSource', () => {
  it('reuses the cached bundle across processes and rebuilds it when any input file changes', async () => {
    const entry = join(dir, 'entry.ts');
    const dependency = join(dir, 'dependency.ts');
    writeFileSync(entry, "import { marker } from './dependency';\nconsole.log(marker);\n");
    writeFileSync(dependency, "export const marker: string = 'first-version';\n");
    const url = pathToFileURL(entry);
    const first = await freshBundle(url);
    expect(first).toContain('first-version');
    expect(await freshBundle(url)).toBe(first);
    // Same length, other bytes: a content hash notices what a size-and-mtime check could miss.
    writeFileSync(dependency, "export const marker: string = 'other-version';\n");
    const second = await freshBundle(url);
    expect(second).toContain('other-version');
    expect(second).not.toContain('first-version');
  });

  it('gives null for an entry that does not exist, so callers do the work on their own thread', async () => {
    expect(await freshBundle(pathToFileURL(join(dir, 'missing.ts')))).toBeNull();
  });
});
