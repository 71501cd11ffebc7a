import { createHash } from 'node:crypto';
import { servingTable } from '../../contracts/serving';

/** Cassandra names: letters, digits and underscores, at most 48 characters, unquoted (so lower case). */
const maxKeyspaceLength = 48;
const prefix = 'pipeline_lab_';

/**
 * The keyspace of one run: `pipeline_lab_<runId>` with its hyphens as underscores (run ids are [a-z0-9-], so the
 * mapping is one to one). A run id too long for Cassandra's 48 characters keeps its start and a hash of the whole.
 * One keyspace per run makes removing a run one DROP KEYSPACE: no tombstones left behind, nothing to compact.
 */
export function servingKeyspace(runId: string): string {
  const name = `${prefix}${runId.replaceAll('-', '_')}`;
  if (/^[a-z0-9_]+$/.test(name) && name.length <= maxKeyspaceLength) return name;
  const hash = createHash('sha256').update(runId).digest('hex').slice(0, 8);
  const start = runId
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, maxKeyspaceLength - prefix.length - hash.length - 1);
  return `${prefix}${start}_${hash}`;
}

/** Whether a name is one of our run keyspaces (the console's CQL may touch nothing else). */
export const isRunKeyspace = (name: string): boolean =>
  name.startsWith(prefix) && /^[a-z0-9_]{1,48}$/.test(name);

/**
 * The run's keyspace, replicated once in the node's data center: one node here; on three nodes a learner would
 * raise it to 3 and write at LOCAL_QUORUM (2 of 3), which is what the writes already ask for.
 */
export function createKeyspaceCql(keyspace: string, dataCenter: string): string {
  return (
    `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ` +
    `{'class': 'NetworkTopologyStrategy', '${dataCenter.replaceAll("'", "''")}': 1}`
  );
}

/**
 * The query-first table: one partition per user and day (a day's events of one user, a few to a few hundred rows),
 * newest first, with the TTL every row gets. Compaction stays Cassandra 5.0's default.
 */
export function createTableCql(keyspace: string): string {
  return [
    `CREATE TABLE IF NOT EXISTS ${keyspace}.${servingTable.name} (`,
    '  user_id text,',
    '  event_date date,',
    '  event_ts timestamp,',
    '  event_id text,',
    '  event_type text,',
    '  session_id text,',
    '  product_id text,',
    '  order_id text,',
    '  search_query text,',
    '  quantity int,',
    '  device text,',
    '  referrer text,',
    '  PRIMARY KEY ((user_id, event_date), event_ts, event_id)',
    ') WITH CLUSTERING ORDER BY (event_ts DESC, event_id ASC)',
    `  AND default_time_to_live = ${servingTable.ttlSeconds}`,
    "  AND comment = 'Pipeline Lab: accepted events of one run, read by user and day'",
  ].join('\n');
}

export function insertEventCql(keyspace: string): string {
  return (
    `INSERT INTO ${keyspace}.${servingTable.name} ` +
    '(user_id, event_date, event_ts, event_id, event_type, session_id, product_id, order_id, search_query, quantity, device, referrer) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
  );
}
