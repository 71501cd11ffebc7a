import { cassandraClient } from '../cassandra/cassandra-client';
import { startCommand, type CheckResult, type StartRoute } from './check-result';

/** Whether an error says nothing answers at the address (rather than that something answered and refused). */
const nothingThere = (text: string) =>
  /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|timed? ?out/i.test(text);

/**
 * Cassandra answers CQL: connects with a 3-second timeout, once, and reads the node's release version and data
 * center from system.local (a node still starting refuses the connection: its native transport opens last).
 */
export async function checkCassandra(
  contactPoints: string,
  route: StartRoute = 'either',
): Promise<CheckResult> {
  const client = cassandraClient(contactPoints, {
    connectTimeoutMs: 3_000,
    requestTimeoutMs: 5_000,
    oneAttempt: true,
  });
  try {
    await client.connect();
    const result = await client.execute(
      "SELECT release_version, data_center FROM system.local WHERE key = 'local'",
    );
    const row = result.first();
    const version = String(row?.get('release_version') ?? 'unknown');
    return {
      name: 'Cassandra',
      status: 'ok',
      detail: `Cassandra ${version} answers CQL at ${contactPoints} (data center ${String(row?.get('data_center'))})`,
      version,
    };
  } catch (error) {
    const text = error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
    return {
      name: 'Cassandra',
      status: 'fail',
      detail: `cannot use Cassandra at ${contactPoints}: ${text}`,
      fix: nothingThere(text)
        ? `Nothing answers there: ${startCommand(route, 'cassandra')}, or fix CASSANDRA_CONTACT_POINTS in .env.`
        : "Something answered, but not as a Cassandra node of data center datacenter1: check CASSANDRA_CONTACT_POINTS in .env (`npm run services -- status` shows the stack's).",
    };
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}
