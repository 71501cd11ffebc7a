import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { incidentKinds, incidentTypes, type IncidentType } from '@/pipeline/contracts/incidents';
import { partitionForKey } from '@/pipeline/core/murmur2';
import { generate, readGroundTruth, readLines, tempDir, windowStartMs, type Json } from './helpers';

const days = 7;
const windowEndMs = windowStartMs + days * 86_400_000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every event line parsed, malformed ones skipped (no incident writes any). */
function events(dir: string): Json[] {
  return readLines(dir, 'events').map((line) => JSON.parse(line) as Json);
}
const lagMs = (event: Json) => Date.parse(String(event.ingested_at)) - Date.parse(String(event.event_ts));
const ids = (records: Json[]) => new Set(records.map((record) => String(record.event_id)));

/**
 * Which events of the generated file carry each incident, found from the data alone. The ledger must list exactly
 * these: a record it misses would count against a learner's perfect check, a record it lists that carries nothing
 * could never be found.
 */
const carriers: Record<IncidentType, (all: Json[], dir: string) => Set<string>> = {
  replay_duplicates: (all) => {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const event of all) {
      const id = String(event.event_id);
      if (seen.has(id)) twice.add(id);
      seen.add(id);
    }
    return twice;
  },
  late_arrivals: (all) => ids(all.filter((event) => lagMs(event) > 30_000)),
  schema_drift: (all) => ids(all.filter((event) => 'client_version' in event)),
  orphan_keys: (all, dir) => {
    const users = new Set(readLines(dir, 'users').map((line) => String((JSON.parse(line) as Json).user_id)));
    const products = new Set(
      readLines(dir, 'products').map((line) => String((JSON.parse(line) as Json).product_id)),
    );
    return ids(
      all.filter(
        (event) =>
          !users.has(String(event.user_id)) ||
          (event.product_id !== null && !products.has(String(event.product_id))),
      ),
    );
  },
  stuck_consumer: (all) => ids(all.filter((event) => lagMs(event) > 30_000)),
  skewed_key: (all) => {
    const sizes = new Map<string, number>();
    for (const event of all)
      sizes.set(String(event.session_id), (sizes.get(String(event.session_id)) ?? 0) + 1);
    const [hot] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
    return ids(all.filter((event) => event.session_id === hot));
  },
  bad_deploy_nulls: (all) =>
    ids(
      all.filter(
        (event) =>
          ['product_view', 'add_to_cart', 'wishlist_add'].includes(String(event.event_type)) &&
          event.product_id === null,
      ),
    ),
  timezone_bug: (all) => ids(all.filter((event) => lagMs(event) < 0)),
  clock_skew: (all) => ids(all.filter((event) => Date.parse(String(event.event_ts)) >= windowEndMs)),
  type_change: (all) => ids(all.filter((event) => typeof event.event_ts === 'number')),
};

describe('incident rounds: the generator and its ledger', () => {
  it.each(incidentTypes)(
    '%s: only its kinds, only on events, exactly the records that carry it',
    async (incident) => {
      const dir = tempDir(`incident-${incident}`);
      dirs.push(dir);
      const summary = await generate(dir, { events: 10_000, days, faults: 'chaos', incident, seed: 3 });
      const ledger = readGroundTruth(dir);
      const kinds = new Set(ledger.faults.map((fault) => fault.kind));
      expect([...kinds].sort()).toEqual([...incidentKinds[incident]].sort());
      expect(ledger.faults.every((fault) => fault.entity === 'events')).toBe(true);
      // Users, products and orders are clean: every line written is a clean record.
      for (const entity of ['users', 'products', 'orders'] as const)
        expect(summary.emitted[entity]).toBe(summary.clean[entity]);
      const all = events(dir);
      expect(ids(ledger.faults.map((fault) => ({ event_id: fault.recordId })))).toEqual(
        carriers[incident](all, dir),
      );
    },
  );

  it('a stuck consumer holds back one partition only, and releases it in one burst', async () => {
    const dir = tempDir('incident-stuck');
    dirs.push(dir);
    await generate(dir, { events: 10_000, days, faults: 'none', incident: 'stuck_consumer', seed: 9 });
    const held = new Set(readGroundTruth(dir).faults.map((fault) => fault.recordId));
    const stuck = events(dir).filter((event) => held.has(String(event.event_id)));
    expect(new Set(stuck.map((event) => partitionForKey(String(event.user_id), 4))).size).toBe(1);
    const arrivals = stuck.map((event) => Date.parse(String(event.ingested_at)));
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThanOrEqual(6 * 60_000);
  });
});
