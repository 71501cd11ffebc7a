import { loyaltyTiers, userRecordSchema, type UserRecord } from '../../../contracts/records';
import type { Random } from '../../../core/random';
import { countries } from '../../../stages/generate/catalog-tree';

/**
 * A later day's profile changes for the incremental lakehouse run, made with the generator's change model
 * (pipeline/stages/generate/users.ts): a tier upgrade (45 %; a platinum user moves instead), a move to another city
 * of the same country (35 %) or a marketing opt-in change (20 %). Each change is the user's full next version.
 */
export type CurrentUser = Omit<UserRecord, 'updated_at'>;

export interface UserChange {
  kind: 'tier' | 'move' | 'opt';
  record: UserRecord;
}

const DAY_MS = 86_400_000;

export function dayChanges(users: readonly CurrentUser[], day: string, random: Random): UserChange[] {
  const dayStart = Date.parse(`${day}T00:00:00.000Z`);
  const times = users.map(() => dayStart + Math.floor(random.next() * DAY_MS)).sort((a, b) => a - b);
  return users.map((user, index) => {
    const roll = random.next();
    let kind: UserChange['kind'] = roll < 0.45 ? 'tier' : roll < 0.8 ? 'move' : 'opt';
    const tier = loyaltyTiers.indexOf(user.loyalty_tier);
    if (kind === 'tier' && tier === loyaltyTiers.length - 1) kind = 'move';
    const cities: readonly string[] =
      countries.find((country) => country.code === user.country)?.cities ?? [];
    const cityIndex = cities.indexOf(user.city);
    // A user in a country or city the generator does not know changes their opt-in rather than move nowhere.
    if (kind === 'move' && (cities.length < 2 || cityIndex < 0)) kind = 'opt';
    const next: UserRecord = {
      ...user,
      version: user.version + 1,
      updated_at: new Date(times[index]!).toISOString(),
    };
    if (kind === 'tier') next.loyalty_tier = loyaltyTiers[tier + 1]!;
    else if (kind === 'move')
      next.city = cities[(cityIndex + random.int(1, cities.length - 1)) % cities.length]!;
    else next.marketing_opt_in = !user.marketing_opt_in;
    return { kind, record: userRecordSchema.parse(next) };
  });
}
