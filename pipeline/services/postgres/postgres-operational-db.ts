import { Pool, type PoolClient } from 'pg';
import { PipelineError } from '../../contracts/errors';
import type { OperationalDatabase } from '../../contracts/services';
import {
  operationalSchemaName,
  operationalTables,
  writeOperationalRecords,
  type OperationalCell,
  type OperationalTable,
} from '../shared/operational-rows';
import { insertStatements, operationalSchemaSql } from './operational-schema';

/**
 * PostgreSQL as the shop's operational database: the profiles and orders of one run, written in one
 * transaction with batched multi-row INSERTs. `runId` scopes every row, so runs share the tables safely.
 */
export async function openPostgresOperationalDb(
  databaseUrl: string,
  runId: string,
): Promise<OperationalDatabase> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 5_000 });
  try {
    // Two runs starting at once would race on CREATE ... IF NOT EXISTS (a unique violation in pg_type); the
    // advisory lock makes the second wait for the first instead.
    await inTransaction(pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('${operationalSchemaName} schema'))`);
      await client.query(operationalSchemaSql);
    });
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Cannot use PostgreSQL as the operational database: ${(cause as Error).message}. Try \`npm run doctor\`.`,
      {
        cause,
        retriable: true,
      },
    );
  }
  return {
    replaceRun: (records) =>
      inTransaction(pool, async (client) => {
        // Serialises two writers of the same run, so "replace" means replace even then.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `${operationalSchemaName} run ${runId}`,
        ]);
        await client.query(`DELETE FROM ${operationalSchemaName}.orders WHERE run_id = $1`, [runId]);
        await client.query(`DELETE FROM ${operationalSchemaName}.users WHERE run_id = $1`, [runId]);
        return writeOperationalRecords(runId, records, {
          insert: (table, rows) => run(client, table, rows),
        });
      }),
    async tables() {
      const tables = [];
      for (const table of operationalTables) {
        const result = await pool.query<{ rows: string }>(
          `SELECT count(*) AS rows FROM ${operationalSchemaName}.${table} WHERE run_id = $1`,
          [runId],
        );
        tables.push({ table: `${operationalSchemaName}.${table}`, rows: Number(result.rows[0]?.rows ?? 0) });
      }
      return {
        location: `PostgreSQL ${describeDatabase(databaseUrl)} · schema ${operationalSchemaName}`,
        tables,
      };
    },
    close: () => pool.end(),
  };
}

/** host:port/database of a connection URL, never its user or password. */
function describeDatabase(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.host}${url.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/** Rows the statements inserted (duplicates skipped by ON CONFLICT are not counted). */
async function run(client: PoolClient, table: OperationalTable, rows: OperationalCell[][]): Promise<number> {
  let inserted = 0;
  for (const statement of insertStatements(table, rows))
    inserted += (await client.query(statement.text, statement.values)).rowCount ?? 0;
  return inserted;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than return it to the pool.
    const rollback = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError as Error,
    );
    client.release(rollback);
    throw error;
  }
}
