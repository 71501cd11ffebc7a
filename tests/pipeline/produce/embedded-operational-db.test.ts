import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  embeddedOperationalFile,
  openDuckDbOperationalDb,
} from '../../../pipeline/services/embedded/duckdb-operational-db';
import { batches, contractOrder, contractUser } from '../../contracts/operational-database-contract';

const root = mkdtempSync(join(tmpdir(), 'embedded-oltp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function select(file: string, sql: string) {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('the embedded operational database (a DuckDB file of the run)', () => {
  it('holds exact money, lists and timestamps in the same tables as PostgreSQL, in one file with no log beside it', async () => {
    const runDir = join(root, 'values-run');
    const file = embeddedOperationalFile(runDir);
    const database = openDuckDbOperationalDb(file, 'values-run');
    await database.replaceRun({
      users: batches([contractUser(0), contractUser(1)], 10),
      orders: batches([contractOrder(0), contractOrder(1, 1)], 10),
    });
    await database.close();
    expect(readdirSync(join(runDir, 'oltp'))).toEqual(['shop.duckdb']);
    const users = await select(
      file,
      `SELECT run_id, user_id, last_name, city, preferred_categories, strftime(signup_ts AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS signup
       FROM pipeline_lab_oltp.users ORDER BY user_id`,
    );
    expect(users[0]).toEqual({
      run_id: 'values-run',
      user_id: 'u0',
      last_name: "O'Brien",
      city: 'Köln',
      preferred_categories: ['books', 'garden, outdoor', 'say "hi" {x}', 'back\\slash', 'NULL'],
      signup: '2025-08-24T01:02:03.456Z',
    });
    expect(users[1]!.preferred_categories).toEqual([]);
    // The float 59.97 * 2 - 0.1 + 4.99 is stored as its cents.
    expect(
      await select(
        file,
        `SELECT order_id, subtotal::VARCHAR AS subtotal, total::VARCHAR AS total, coupon_code FROM pipeline_lab_oltp.orders ORDER BY order_id`,
      ),
    ).toEqual([
      { order_id: 'o0', subtotal: '119.94', total: '124.83', coupon_code: null },
      { order_id: 'o1', subtotal: '59.97', total: '64.86', coupon_code: 'SAVE10' },
    ]);
    expect(
      await select(
        file,
        'SELECT sum(line_total)::VARCHAR AS total, sum(quantity)::INTEGER AS units FROM pipeline_lab_oltp.order_lines',
      ),
    ).toEqual([{ total: '179.91', units: 9 }]);
  });

  it('a failed write leaves no half-written file behind', async () => {
    const runDir = join(root, 'failed-run');
    const database = openDuckDbOperationalDb(embeddedOperationalFile(runDir), 'failed-run');
    async function* failing() {
      yield [contractOrder(1)];
      throw new Error('disk went away');
    }
    await expect(database.replaceRun({ users: batches([], 1), orders: failing() })).rejects.toThrow(
      'disk went away',
    );
    expect(existsSync(embeddedOperationalFile(runDir))).toBe(false);
    expect(readdirSync(join(runDir, 'oltp'))).toEqual([]);
  });
});
