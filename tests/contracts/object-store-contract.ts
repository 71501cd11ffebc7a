import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPipelineError } from '../../pipeline/contracts/errors';
import type { ObjectStore } from '../../pipeline/contracts/services';

export interface ObjectStoreHarness {
  store: ObjectStore;
  close(): Promise<void>;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return isPipelineError(error) ? error.code : undefined;
}

/** What every lake must do, on the local file system and on S3 alike. */
export function objectStoreContract(name: string, makeHarness: () => Promise<ObjectStoreHarness>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let harness: ObjectStoreHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => harness.close());

    it('puts, gets, overwrites and deletes objects', async () => {
      const { store } = harness;
      await store.put('raw/events/event_date=2025-08-24/part-0-0-9.ndjson', '{"a":1}\n');
      expect((await store.get('raw/events/event_date=2025-08-24/part-0-0-9.ndjson')).toString()).toBe(
        '{"a":1}\n',
      );
      await store.put('raw/events/event_date=2025-08-24/part-0-0-9.ndjson', Buffer.from('{"a":2}\n'));
      expect((await store.get('raw/events/event_date=2025-08-24/part-0-0-9.ndjson')).toString()).toBe(
        '{"a":2}\n',
      );
      expect(await store.exists('raw/events/event_date=2025-08-24/part-0-0-9.ndjson')).toBe(true);
      await store.delete('raw/events/event_date=2025-08-24/part-0-0-9.ndjson');
      expect(await store.exists('raw/events/event_date=2025-08-24/part-0-0-9.ndjson')).toBe(false);
      expect(await codeOf(store.get('raw/events/event_date=2025-08-24/part-0-0-9.ndjson'))).toBe('NOT_FOUND');
    });

    it('lists by prefix in key order with sizes', async () => {
      const { store } = harness;
      await store.put('raw/users/b.ndjson', 'bb');
      await store.put('raw/users/a.ndjson', 'a');
      await store.put('raw/orders/c.ndjson', 'ccc');
      const listed = await store.list('raw/users/');
      expect(listed.map((object) => [object.key, object.size])).toEqual([
        ['raw/users/a.ndjson', 1],
        ['raw/users/b.ndjson', 2],
      ]);
      expect((await store.list('raw/')).map((object) => object.key)).toEqual([
        'raw/orders/c.ndjson',
        'raw/users/a.ndjson',
        'raw/users/b.ndjson',
      ]);
    });

    it('streams large objects in and out', async () => {
      const { store } = harness;
      const lines = Array.from({ length: 50_000 }, (_, index) => `{"n":${index}}\n`);
      await store.putStream('curated/big.ndjson', Readable.from(lines));
      const chunks: Buffer[] = [];
      for await (const chunk of await store.getStream('curated/big.ndjson'))
        chunks.push(Buffer.from(chunk as Uint8Array));
      expect(Buffer.concat(chunks).toString()).toBe(lines.join(''));
    });

    it('refuses keys that escape the store', async () => {
      const { store } = harness;
      expect(await codeOf(store.put('../outside.txt', 'x'))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(store.put('/etc/passwd', 'x'))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(store.put('raw/../../x', 'x'))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(store.put('raw/\0x', 'x'))).toBe('INVALID_ARGUMENT');
    });
  });
}
