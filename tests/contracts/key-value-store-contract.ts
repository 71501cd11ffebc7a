import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../pipeline/contracts/services';

export type ClosableKeyValueStore = KeyValueStore & { close(): Promise<void> };

export interface KeyValueStoreHarness {
  /**
   * A store in the given namespace (a key prefix in Redis, a directory on disk). Opening the same namespace
   * twice gives two handles on the same state: that is how the suite simulates a restarted process.
   */
  open(namespace: string): Promise<ClosableKeyValueStore>;
  /** A namespace no other test (or earlier run of the suite) uses. */
  uniqueNamespace(label: string): string;
  /** Removes everything the test wrote in its namespaces. */
  cleanup(namespaces: string[]): Promise<void>;
}

/** What the speed layer's state store must do: files in the embedded tier, Redis in the services tier. */
export function keyValueStoreContract(name: string, makeHarness: () => Promise<KeyValueStoreHarness>): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    let harness: KeyValueStoreHarness;
    let namespaces: string[];
    let opened: ClosableKeyValueStore[];
    const open = async (label: string, reuse?: string) => {
      const namespace = reuse ?? harness.uniqueNamespace(label);
      if (!namespaces.includes(namespace)) namespaces.push(namespace);
      const store = await harness.open(namespace);
      opened.push(store);
      return { store, namespace };
    };

    beforeEach(async () => {
      harness = await makeHarness();
      namespaces = [];
      opened = [];
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
      await harness.cleanup(namespaces);
    });

    it('returns null for a missing key, then what was set, the newest value after an overwrite, and null after a delete', async () => {
      const { store } = await open('basic');
      expect(await store.get('speed-snapshot')).toBeNull();
      await store.set('speed-snapshot', '{"offsets":[1]}');
      expect(await store.get('speed-snapshot')).toBe('{"offsets":[1]}');
      await store.set('speed-snapshot', '{"offsets":[2]}');
      expect(await store.get('speed-snapshot')).toBe('{"offsets":[2]}');
      await store.delete('speed-snapshot');
      expect(await store.get('speed-snapshot')).toBeNull();
      // Deleting what is not there is not an error: reset() runs on a fresh run too.
      await expect(store.delete('speed-snapshot')).resolves.toBeUndefined();
    });

    it('keeps values byte for byte: empty, unicode, newlines and a 2 MB snapshot', async () => {
      const { store } = await open('values');
      const big = JSON.stringify({
        windows: Array.from({ length: 50_000 }, (_, index) => ({
          minute: index,
          events: { page_view: index * 7 },
        })),
      });
      expect(big.length).toBeGreaterThan(2_000_000);
      const values: Record<string, string> = {
        empty: '',
        unicode: 'Zürich — 東京 🚀',
        lines: 'a\nb\r\nc\0d',
        big,
      };
      for (const [key, value] of Object.entries(values)) await store.set(key, value);
      for (const [key, value] of Object.entries(values)) expect(await store.get(key)).toBe(value);
    });

    it('treats keys as opaque strings: look-alike keys are distinct and none escapes its namespace', async () => {
      const { store } = await open('keys');
      const keys = ['a', 'a:b', 'a/b', '../a', '.', '..', 'A', 'a b', '%61'];
      for (const [index, key] of keys.entries()) await store.set(key, `value-${index}`);
      for (const [index, key] of keys.entries()) expect(await store.get(key)).toBe(`value-${index}`);
      await store.delete('a');
      expect(await store.get('a')).toBeNull();
      expect(await store.get('a:b')).toBe('value-1');
      expect(await store.get('%61')).toBe('value-8');
    });

    it('keeps what was set across a restart (a second handle on the same namespace sees it)', async () => {
      const first = await open('restart');
      await first.store.set('speed-snapshot', 'before the crash');
      await first.store.close();
      opened.splice(opened.indexOf(first.store), 1);
      const second = await open('restart', first.namespace);
      expect(await second.store.get('speed-snapshot')).toBe('before the crash');
      await second.store.set('speed-snapshot', 'after the restart');
      expect(await second.store.get('speed-snapshot')).toBe('after the restart');
    });

    it('isolates namespaces: one run cannot read or delete another run’s state', async () => {
      const runA = await open('run-a');
      const runB = await open('run-b');
      await runA.store.set('speed-snapshot', 'a');
      expect(await runB.store.get('speed-snapshot')).toBeNull();
      await runB.store.set('speed-snapshot', 'b');
      await runB.store.delete('speed-snapshot');
      expect(await runA.store.get('speed-snapshot')).toBe('a');
    });

    it('concurrent sets of one key leave exactly one of the written values, never a mix', async () => {
      const { store } = await open('race');
      const written = Array.from({ length: 20 }, (_, index) => String(index).repeat(50_000));
      await Promise.all(written.map((value) => store.set('speed-snapshot', value)));
      expect(written).toContain(await store.get('speed-snapshot'));
    });
  });
}
