import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import type { OutputFormat } from '@/pipeline/stages/generate/record-format';
import { generate, sha256, tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fresh(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, sha256(join(dir, name))]),
  );
}

describe('determinism', () => {
  it.each<[OutputFormat, number]>([
    ['ndjson', 20_000],
    ['csv', 10_000],
    ['parquet', 5_000],
  ])('the same seed and config give byte-identical %s files', async (format, events) => {
    const first = fresh(`${format}-a`);
    const second = fresh(`${format}-b`);
    await generate(first, { events, faults: 'chaos', seed: 7 }, format);
    await generate(second, { events, faults: 'chaos', seed: 7 }, format);
    const left = hashes(first);
    expect(Object.keys(left)).toEqual([
      `events.${format}`,
      'ground-truth.json',
      `orders.${format}`,
      `products.${format}`,
      `users.${format}`,
    ]);
    expect(hashes(second)).toEqual(left);
  });

  it('a different seed gives different data in every file', async () => {
    const first = fresh('seed-a');
    const second = fresh('seed-b');
    await generate(first, { events: 5_000, faults: 'realistic', seed: 1 });
    await generate(second, { events: 5_000, faults: 'realistic', seed: 2 });
    const left = hashes(first);
    const right = hashes(second);
    for (const name of Object.keys(left)) expect(right[name], name).not.toBe(left[name]);
  });

  it('the clean data does not depend on the fault profile', async () => {
    const clean = fresh('profile-none');
    const faulty = fresh('profile-chaos');
    await generate(clean, { events: 5_000, faults: 'none', seed: 3 });
    await generate(faulty, { events: 5_000, faults: 'chaos', seed: 3 });
    const faultyLines = new Set(readFileSync(join(faulty, 'events.ndjson'), 'utf8').split('\n'));
    const cleanLines = readFileSync(join(clean, 'events.ndjson'), 'utf8').split('\n').slice(0, -1);
    const shared = cleanLines.filter((line) => faultyLines.has(line)).length;
    // About 10 % of chaos events carry an in-place fault; every other clean line is identical.
    expect(shared / cleanLines.length).toBeGreaterThan(0.85);
  });

  it('the worker-thread writer gives the same bytes as the in-thread one', async () => {
    const inThread = fresh('in-thread');
    const worker = fresh('worker');
    expect(
      (await generate(inThread, { events: 30_000, faults: 'chaos', seed: 12 }, 'ndjson', false, false))
        .writerThread,
    ).toBe(false);
    expect(
      (await generate(worker, { events: 30_000, faults: 'chaos', seed: 12 }, 'ndjson', false, true))
        .writerThread,
    ).toBe(true);
    expect(hashes(worker)).toEqual(hashes(inThread));
  });

  it('gzip output decompresses to exactly the plain output', async () => {
    const plain = fresh('plain');
    const zipped = fresh('gzip');
    await generate(plain, { events: 30_000, faults: 'realistic', seed: 9 }, 'ndjson');
    await generate(zipped, { events: 30_000, faults: 'realistic', seed: 9 }, 'ndjson', true);
    for (const entity of ['users', 'products', 'events', 'orders']) {
      const expected = readFileSync(join(plain, `${entity}.ndjson`));
      expect(gunzipSync(readFileSync(join(zipped, `${entity}.ndjson.gz`))).equals(expected)).toBe(true);
    }
  });
});

describe('CSV and Parquet', () => {
  it('CSV has a header, quotes what needs quoting, and DuckDB reads every row', async () => {
    const dir = fresh('csv-read');
    const summary = await generate(dir, { events: 5_000, faults: 'none', seed: 4 }, 'csv');
    const products = readFileSync(join(dir, 'products.csv'), 'utf8');
    expect(products.split('\n')[0]).toBe(
      'product_id,sku,name,category,subcategory,brand,price,cost,currency,stock_qty,supplier_id,supplier_name,is_active,created_at,updated_at,item_id,unit_price,stock,_extra',
    );
    // Supplier names such as "Smith, Jones and Brown" must come quoted.
    expect(products).toMatch(/,"[^",]+, [^"]+",/);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const entity of ['users', 'products', 'events', 'orders'] as const) {
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS n FROM read_csv('${join(dir, `${entity}.csv`)}', header = true, strict_mode = true)`,
      );
      expect(reader.getRowObjects()[0]?.n, entity).toBe(summary.emitted[entity]);
    }
    const orders = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS bad FROM read_csv('${join(dir, 'orders.csv')}', header = true)
       WHERE abs(subtotal - discount + shipping - total) > 0.001`,
    );
    expect(orders.getRowObjects()[0]?.bad).toBe(0);
    connection.closeSync();
    instance.closeSync();
  });

  it('Parquet is zstd, typed without faults, and holds every emitted row', async () => {
    const dir = fresh('parquet-read');
    const summary = await generate(dir, { events: 5_000, faults: 'none', seed: 4 }, 'parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const events = join(dir, 'events.parquet');
    const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM '${events}'`);
    expect(count.getRowObjects()[0]?.n).toBe(summary.emitted.events);
    const types = await connection.runAndReadAll(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${events}')`,
    );
    const byName = Object.fromEntries(types.getRowObjects().map((row) => [row.column_name, row.column_type]));
    expect(byName.event_ts).toBe('TIMESTAMP');
    expect(byName.quantity).toBe('INTEGER');
    const codec = await connection.runAndReadAll(
      `SELECT DISTINCT compression FROM parquet_metadata('${events}')`,
    );
    expect(codec.getRowObjects().map((row) => String(row.compression))).toEqual(['ZSTD']);
    connection.closeSync();
    instance.closeSync();
  });
});
