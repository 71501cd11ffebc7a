import cassandra from 'cassandra-driver';

/** The data center SimpleSnitch (the stack's node and the compose image) puts a node in. */
export const defaultDataCenter = 'datacenter1';

/**
 * A driver client for `host:port[,host:port…]`. The driver has one port per client, so every contact point uses the
 * port of the first. Writes and reads ask for LOCAL_QUORUM: on one node (replication 1) that is the one replica,
 * on three nodes with replication 3 it is two of them.
 */
export function cassandraClient(
  contactPoints: string,
  options: { requestTimeoutMs?: number; connectTimeoutMs?: number; oneAttempt?: boolean } = {},
): cassandra.Client {
  const entries = contactPoints.split(',').map((entry) => entry.trim());
  const port = Number(entries[0]?.split(':').at(-1) ?? 9042);
  return new cassandra.Client({
    contactPoints: entries,
    protocolOptions: { port },
    localDataCenter: defaultDataCenter,
    socketOptions: {
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      readTimeout: options.requestTimeoutMs ?? 30_000,
    },
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum },
    // A check tries once: a node that is down must fail it within seconds, not be retried in the background.
    ...(options.oneAttempt
      ? {
          policies: {
            reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(600_000),
          },
        }
      : {}),
  });
}
