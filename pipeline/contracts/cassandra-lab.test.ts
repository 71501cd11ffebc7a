import { describe, expect, it } from 'vitest';
import { parseCassandraCellRequest } from './cassandra-lab';

const refused = (body: unknown): string => {
  const parsed = parseCassandraCellRequest(body);
  if (parsed.ok) throw new Error(`accepted ${JSON.stringify(body)}`);
  return parsed.message;
};

describe('the Cassandra cells’ request validation', () => {
  it('fills each experiment’s defaults', () => {
    expect(parseCassandraCellRequest({ experiment: 'partition-read' })).toEqual({
      ok: true,
      value: { experiment: 'partition-read', params: { limit: 20 } },
    });
    expect(parseCassandraCellRequest({ experiment: 'tombstones', params: {} })).toMatchObject({
      value: { params: { deletes: 10 } },
    });
    expect(parseCassandraCellRequest({ experiment: 'ttl-expiry' })).toMatchObject({
      value: { params: { ttlSeconds: 3 } },
    });
    expect(parseCassandraCellRequest({ experiment: 'hot-partitions' })).toMatchObject({
      value: { params: { top: 5 } },
    });
  });

  it('accepts a full partition key and bounded numbers', () => {
    const user = '0198db31-0000-7000-8000-00000000000a';
    expect(
      parseCassandraCellRequest({
        experiment: 'partition-read',
        params: { userId: user, eventDate: '2025-08-24', limit: 1000 },
      }),
    ).toEqual({
      ok: true,
      value: { experiment: 'partition-read', params: { userId: user, eventDate: '2025-08-24', limit: 1000 } },
    });
    expect(parseCassandraCellRequest({ experiment: 'allow-filtering', params: { userId: user } }).ok).toBe(
      true,
    );
  });

  it('refuses an unknown experiment, naming the known ones', () => {
    expect(refused({ experiment: 'drop-table' })).toContain('experiment must be one of partition-read');
    expect(refused({})).toContain('experiment must be one of');
    expect(refused('SELECT * FROM system.local')).toBeTruthy();
  });

  it('refuses CQL, unknown keys and values out of bounds with the parameter named', () => {
    expect(refused({ experiment: 'partition-read', params: { cql: 'SELECT 1' } })).toBe(
      'partition-read: unknown parameter cql',
    );
    expect(refused({ experiment: 'partition-read', cql: 'SELECT 1' })).toContain('cql');
    expect(refused({ experiment: 'partition-read', params: { limit: 1001 } })).toMatch(
      /^partition-read: params\.limit: .*1000/,
    );
    expect(refused({ experiment: 'partition-read', params: { limit: 0 } })).toContain('params.limit');
    expect(refused({ experiment: 'partition-read', params: { limit: 2.5 } })).toContain('params.limit');
    expect(refused({ experiment: 'tombstones', params: { deletes: 1001 } })).toContain('params.deletes');
    expect(refused({ experiment: 'ttl-expiry', params: { ttlSeconds: 11 } })).toContain('params.ttlSeconds');
    expect(refused({ experiment: 'hot-partitions', params: { top: 21 } })).toContain('params.top');
  });

  it('refuses a user id that is not one and a malformed day', () => {
    expect(
      refused({ experiment: 'allow-filtering', params: { userId: "x' OR 1=1 ALLOW FILTERING" } }),
    ).toContain('userId must be a user id of the run');
    expect(
      refused({
        experiment: 'partition-read',
        params: { userId: 'abc', eventDate: '2025-8-24' },
      }),
    ).toContain('eventDate must be a day as YYYY-MM-DD');
  });

  it('refuses half a partition key', () => {
    expect(refused({ experiment: 'partition-read', params: { userId: 'abc' } })).toContain(
      'the partition key is (user_id, event_date)',
    );
    expect(refused({ experiment: 'consistency', params: { eventDate: '2025-08-24' } })).toContain(
      'the partition key is (user_id, event_date)',
    );
  });
});
