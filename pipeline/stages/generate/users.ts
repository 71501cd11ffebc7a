import type { Random } from '../../core/random';
import { loyaltyTiers, userSegments, type UserRecord } from '../../contracts/records';
import { createAliasTable, type AliasTable } from './alias-table';
import { categoryTree, countries } from './catalog-tree';
import type { TrafficCalendar } from './calendar';
import type { IdFactory } from './ids';
import type { Pools } from './pools';
import { segmentBehaviour, segmentOrder } from './segments';
import { DAY_MS, formatIso } from './time-format';

/**
 * The user base, held column-wise in typed arrays (a few bytes per user) so 500k users cost little memory.
 * Users are sorted by signup time: those who may have a session at time t are exactly a prefix of the arrays.
 */
export interface UserUpdate {
  timeMs: number;
  user: number;
  kind: 'tier' | 'move' | 'opt';
}

export interface UserPopulation {
  count: number;
  ids: string[];
  signupMs: Float64Array;
  segment: Uint8Array;
  country: Uint8Array;
  city: Uint8Array;
  tier: Uint8Array;
  firstName: Uint16Array;
  lastName: Uint16Array;
  birthYear: Uint16Array;
  optIn: Uint8Array;
  /** Bit i set: category i of categoryTree is preferred. */
  preferredMask: Uint16Array;
  emailDomain: Uint8Array;
  activity: AliasTable;
  /** Profile changes inside the window, sorted by time (each becomes a new version, SCD2). */
  updates: UserUpdate[];
}

const YEAR_MS = 365 * DAY_MS;
const tierOdds: Record<(typeof userSegments)[number], number[]> = {
  bargain_hunter: [55, 30, 12, 3],
  loyal: [10, 30, 40, 20],
  window_shopper: [65, 25, 9, 1],
  big_spender: [5, 25, 40, 30],
  new: [100, 0, 0, 0],
};

function pick(weights: readonly number[], uniform: number): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let target = uniform * total;
  for (let index = 0; index < weights.length; index++) {
    target -= weights[index]!;
    if (target < 0) return index;
  }
  return weights.length - 1;
}

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

export function createUserPopulation(
  count: number,
  calendar: TrafficCalendar,
  pools: Pools,
  ids: IdFactory,
  random: Random,
): UserPopulation {
  const signupMs = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    // About 80 % signed up before the window (up to three years, more of them recently), 20 % during it.
    signupMs[index] =
      random.next() < 0.8
        ? Math.floor(calendar.startMs - 1 - Math.pow(random.next(), 1.6) * 3 * YEAR_MS)
        : calendar.timeAt(random.next());
  }
  signupMs.sort();
  // Someone must already be a customer when the first session starts.
  if (signupMs[0]! >= calendar.startMs) signupMs[0] = calendar.startMs - DAY_MS;
  const population: UserPopulation = {
    count,
    ids: new Array<string>(count),
    signupMs,
    segment: new Uint8Array(count),
    country: new Uint8Array(count),
    city: new Uint8Array(count),
    tier: new Uint8Array(count),
    firstName: new Uint16Array(count),
    lastName: new Uint16Array(count),
    birthYear: new Uint16Array(count),
    optIn: new Uint8Array(count),
    preferredMask: new Uint16Array(count),
    emailDomain: new Uint8Array(count),
    activity: createAliasTable([1]),
    updates: [],
  };
  const countryShares = countries.map((country) => country.share);
  const segmentShares = segmentOrder.map((segment) => segmentBehaviour[segment].share);
  const activity = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    population.ids[index] = ids.next(signupMs[index]!);
    const isNew = signupMs[index]! >= calendar.startMs - 30 * DAY_MS;
    const segment = isNew ? segmentOrder.indexOf('new') : pick(segmentShares, random.next());
    const segmentName = segmentOrder[segment]!;
    population.segment[index] = segment;
    const country = pick(countryShares, random.next());
    population.country[index] = country;
    population.city[index] = random.int(0, countries[country]!.cities.length - 1);
    population.tier[index] = pick(tierOdds[segmentName], random.next());
    population.firstName[index] = random.int(0, pools.firstNames.length - 1);
    population.lastName[index] = random.int(0, pools.lastNames.length - 1);
    population.birthYear[index] = Math.min(2007, Math.max(1950, Math.round(1988 + gaussian(random) * 11)));
    population.optIn[index] = random.next() < 0.55 ? 1 : 0;
    const preferredCount = random.int(1, 3);
    let preferredMask = 0;
    for (let pickIndex = 0; pickIndex < preferredCount; pickIndex++)
      preferredMask |= 1 << random.int(0, categoryTree.length - 1);
    population.preferredMask[index] = preferredMask;
    population.emailDomain[index] = random.int(0, pools.emailDomains.length - 1);
    // Log-normal spread inside a segment: a few very active users, many occasional ones.
    activity[index] = segmentBehaviour[segmentName].activity * Math.exp(0.8 * gaussian(random));
    const changes = random.next() < 0.15 ? (random.next() < 0.2 ? 2 : 1) : 0;
    const from = Math.max(signupMs[index]!, calendar.startMs) + 1;
    for (let change = 0; change < changes; change++) {
      const timeMs = calendar.timeAt(random.next());
      const roll = random.next();
      const kind = roll < 0.45 ? 'tier' : roll < 0.8 ? 'move' : 'opt';
      population.updates.push({ timeMs: Math.max(timeMs, from), user: index, kind });
    }
  }
  population.activity = createAliasTable(activity);
  population.updates.sort((left, right) => left.timeMs - right.timeMs || left.user - right.user);
  return population;
}

/** Applies a profile change to the population's current state (the caller then emits the new version). */
export function applyUserUpdate(population: UserPopulation, update: UserUpdate, random: Random): void {
  const user = update.user;
  if (update.kind === 'tier' && population.tier[user]! < loyaltyTiers.length - 1) {
    population.tier[user] = population.tier[user]! + 1;
  } else if (update.kind === 'move' || update.kind === 'tier') {
    const cities = countries[population.country[user]!]!.cities.length;
    population.city[user] = (population.city[user]! + random.int(1, cities - 1)) % cities;
  } else {
    population.optIn[user] = population.optIn[user] === 1 ? 0 : 1;
  }
}

/** The user's current profile as a record of the given version. */
export function userRecordOf(
  population: UserPopulation,
  pools: Pools,
  user: number,
  version: number,
  updatedMs: number,
): UserRecord {
  const first = pools.firstNames[population.firstName[user]!]!;
  const last = pools.lastNames[population.lastName[user]!]!;
  const local = `${first}.${last}${user}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
  const country = countries[population.country[user]!]!;
  const preferred: string[] = [];
  categoryTree.forEach((category, index) => {
    if ((population.preferredMask[user]! & (1 << index)) !== 0) preferred.push(category.slug);
  });
  return {
    user_id: population.ids[user]!,
    version,
    email: `${local}@${pools.emailDomains[population.emailDomain[user]!]}`,
    first_name: first,
    last_name: last,
    birth_year: population.birthYear[user]!,
    country: country.code,
    city: country.cities[population.city[user]!]!,
    segment: segmentOrder[population.segment[user]!]!,
    loyalty_tier: loyaltyTiers[population.tier[user]!]!,
    preferred_categories: preferred,
    marketing_opt_in: population.optIn[user] === 1,
    signup_ts: formatIso(population.signupMs[user]!),
    updated_at: formatIso(updatedMs),
  };
}
