import { randomBytes } from 'node:crypto';
import type cassandra from 'cassandra-driver';
import type { Clock } from '../../../core/clock';
import { defaultDataCenter } from '../cassandra-client';
import { createTableCql } from '../serving-keyspace';

/**
 * Scratch keyspaces: where the lesson's experiments delete, expire and under-replicate rows, never in a run's
 * keyspace. Named `lesson_scratch_<unix seconds>_<hex>` (not `pipeline_lab_`, so no run's removal and no console
 * read ever meets one), dropped when the experiment ends; one left behind by a process that died is dropped by
 * the next experiment once it is ten minutes old.
 */
const prefix = 'lesson_scratch_';
const staleAfterSeconds = 600;

export const isScratchKeyspace = (name: string): boolean => /^lesson_scratch_\d+_[0-9a-f]{8}$/.test(name);

export function scratchKeyspaceName(clock: Clock): string {
  return `${prefix}${Math.floor(clock.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

export async function localDataCenter(client: cassandra.Client): Promise<string> {
  const local = await client.execute("SELECT data_center FROM system.local WHERE key = 'local'");
  return String(local.first()?.get('data_center') ?? defaultDataCenter);
}

/** CQL that creates a scratch keyspace with `replicas` copies in the node's data center. */
export function scratchKeyspaceCql(keyspace: string, dataCenter: string, replicas: number): string {
  return (
    `CREATE KEYSPACE ${keyspace} WITH replication = ` +
    `{'class': 'NetworkTopologyStrategy', '${dataCenter.replaceAll("'", "''")}': ${replicas}}`
  );
}

/** The run's table layout in a scratch keyspace: the same key, columns and default TTL. */
export const scratchTableCql = (keyspace: string): string => createTableCql(keyspace);

/** Drops scratch keyspaces older than ten minutes (left by a process that died mid-experiment). */
export async function sweepStaleScratch(client: cassandra.Client, clock: Clock): Promise<void> {
  const result = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces');
  const nowSeconds = Math.floor(clock.now() / 1000);
  for (const row of result.rows) {
    const name = String(row.get('keyspace_name'));
    if (!isScratchKeyspace(name)) continue;
    const createdSeconds = Number(name.slice(prefix.length).split('_')[0]);
    if (nowSeconds - createdSeconds > staleAfterSeconds)
      await client.execute(`DROP KEYSPACE IF EXISTS ${name}`, [], { readTimeout: 60_000 });
  }
}

export async function dropScratch(client: cassandra.Client, keyspace: string): Promise<void> {
  if (!isScratchKeyspace(keyspace)) throw new Error(`Refusing to drop ${keyspace}: not a scratch keyspace`);
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
}
