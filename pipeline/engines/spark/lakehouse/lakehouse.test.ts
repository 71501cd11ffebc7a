import { describe, expect, it } from 'vitest';
import { userRecordSchema } from '../../../contracts/records';
import { createRandom } from '../../../core/random';
import { checkedTable, icebergName } from './iceberg-catalog';
import { defaultChangeCount } from './iceberg-incremental';
import { asOfClause } from './iceberg-time-travel';
import { dayChanges, type CurrentUser } from './user-changes';

const user = (overrides: Partial<CurrentUser> = {}): CurrentUser => ({
  user_id: '018fb19d-64e2-7c3b-80bb-8ed178138f48',
  version: 1,
  email: 'ada.lovelace1@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  birth_year: 1990,
  country: 'FR',
  city: 'Lyon',
  segment: 'loyal',
  loyalty_tier: 'gold',
  preferred_categories: ['books'],
  marketing_opt_in: true,
  signup_ts: '2024-05-25T21:17:13.314Z',
  ...overrides,
});

describe('the lakehouse day changes', () => {
  it('makes each user’s next version on that day, changing exactly one thing', () => {
    const users = Array.from({ length: 60 }, (_, index) =>
      user({ user_id: `user-${index}`, version: 1 + (index % 3) }),
    );
    const changes = dayChanges(users, '2025-09-07', createRandom(7));
    expect(changes).toHaveLength(60);
    for (const [index, change] of changes.entries()) {
      const before = users[index]!;
      expect(userRecordSchema.parse(change.record)).toBeTruthy();
      expect(change.record.version).toBe(before.version + 1);
      expect(change.record.updated_at.slice(0, 10)).toBe('2025-09-07');
      const differs = (['loyalty_tier', 'city', 'marketing_opt_in'] as const).filter(
        (field) => change.record[field] !== before[field],
      );
      expect(differs).toEqual([{ tier: 'loyalty_tier', move: 'city', opt: 'marketing_opt_in' }[change.kind]]);
    }
    expect(new Set(changes.map((change) => change.kind))).toEqual(new Set(['tier', 'move', 'opt']));
    // Same seed, same day: the same changes.
    expect(dayChanges(users, '2025-09-07', createRandom(7))).toEqual(changes);
  });

  it('moves a platinum user instead of upgrading past the top tier', () => {
    const changes = dayChanges(
      Array.from({ length: 40 }, () => user({ loyalty_tier: 'platinum' })),
      '2025-09-07',
      createRandom(1),
    );
    expect(changes.every((change) => change.record.loyalty_tier === 'platinum')).toBe(true);
    expect(changes.some((change) => change.kind === 'move')).toBe(true);
  });

  it('changes at least five users a day, at the generator’s rate beyond that', () => {
    expect(defaultChangeCount(125, 14)).toBe(5);
    expect(defaultChangeCount(25_000, 14)).toBe(321);
    expect(defaultChangeCount(3, 14)).toBe(3);
  });
});

describe('what reaches Spark', () => {
  it('only curated table names', () => {
    expect(icebergName('dim_user')).toBe('lake.curated.dim_user');
    expect(() => checkedTable('dim_user; DROP TABLE x')).toThrow(/not a curated table/);
  });

  it('only snapshot ids and UTC times in AS OF', () => {
    expect(asOfClause({ version: '5686866802062794981' })).toBe('VERSION AS OF 5686866802062794981');
    expect(asOfClause({ timestamp: '2026-12-05 12:46:47.285' })).toBe(
      "TIMESTAMP AS OF '2026-12-05 12:46:47.285'",
    );
    expect(() => asOfClause({ version: '1 OR 1=1' })).toThrow(/snapshot id/);
    expect(() => asOfClause({ timestamp: "2026-12-05' OR '1" })).toThrow(/UTC time/);
  });
});
