import { Pool } from 'pg';
import { PipelineError } from '../../contracts/errors';
import type { RunStore } from '../../contracts/services';
import { runStoreSchema, sqlRunStore, type SqlClient } from '../sql-run-store';

/** The services tier's run store: the same SQL as the embedded PGlite store, on a real PostgreSQL server. */
export async function openPostgresRunStore(databaseUrl: string): Promise<RunStore> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
  try {
    await pool.query(runStoreSchema);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Cannot use PostgreSQL for the run store: ${(cause as Error).message}. Try \`npm run doctor\`.`,
      {
        cause,
        retriable: true,
      },
    );
  }
  const client: SqlClient = {
    query: async <T>(sql: string, params?: unknown[]) => ({
      rows: (await pool.query(sql, params)).rows as T[],
    }),
  };
  return sqlRunStore(client, () => pool.end());
}
