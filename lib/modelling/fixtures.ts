/**
 * The source data of each modelling challenge (content/challenges/modelling.ts), generated from a seed so that
 * the answers differ between the three runs a design is graded on. Pure and deterministic: a seeded PRNG, plain
 * SQL text, no engine-specific functions, so the browser and the tests load the same rows.
 */
type Random = () => number;

function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const pad = (n: number, width = 3) => String(n).padStart(width, '0');
const day = (start: string, offset: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const cents = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

type Value = string | number | null;

function insert(table: string, rows: Value[][]): string {
  const values = rows.map(
    (row) => `(${row.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : v)).join(', ')})`,
  );
  return `INSERT INTO ${table} VALUES\n${values.join(',\n')}`;
}

function rideHailing(random: Random): string[] {
  const cities = ['Lisbon', 'Porto', 'Braga'] as const;
  const drivers = Array.from({ length: 18 }, (_, i) => ({
    id: `d${pad(i + 1)}`,
    city: cities[i % 3] as string,
    joined: day('2024-01-01', int(random, 0, 400)),
  }));
  const rows: Value[][] = [];
  const start = Date.parse('2025-03-03T00:00:00Z');
  for (let t = 1; t <= 160; t++) {
    const trip = quote(`t${pad(t, 4)}`);
    const rider = quote(`r${pad(int(random, 1, 60))}`);
    const city = pick(random, cities);
    const requested = start + int(random, 0, 7 * 86_400 - 3_600) * 1000;
    rows.push([trip, rider, 'NULL', quote(city), quote('requested'), quote(stamp(requested)), null]);
    if (random() < 0.15) {
      rows.push([
        trip,
        rider,
        'NULL',
        quote(city),
        quote('cancelled'),
        quote(stamp(requested + int(random, 120, 600) * 1000)),
        null,
      ]);
      continue;
    }
    const driver = quote(
      pick(
        random,
        drivers.filter((d) => d.city === city),
      ).id,
    );
    const accepted = requested + int(random, 20, 600) * 1000;
    rows.push([trip, rider, driver, quote(city), quote('accepted'), quote(stamp(accepted)), null]);
    if (random() < 0.1) {
      rows.push([
        trip,
        rider,
        driver,
        quote(city),
        quote('cancelled'),
        quote(stamp(accepted + int(random, 60, 900) * 1000)),
        null,
      ]);
      continue;
    }
    const minutes = int(random, 5, 45);
    rows.push([
      trip,
      rider,
      driver,
      quote(city),
      quote('completed'),
      quote(stamp(accepted + minutes * 60_000 + int(random, 0, 59) * 1000)),
      cents(3.5 + minutes * 0.45 + random() * 2),
    ]);
  }
  return [
    'CREATE TABLE src_drivers (driver_id VARCHAR, name VARCHAR, city VARCHAR, joined_on DATE)',
    insert(
      'src_drivers',
      drivers.map((d, i) => [quote(d.id), quote(`Driver ${i + 1}`), quote(d.city), quote(d.joined)]),
    ),
    'CREATE TABLE src_trip_status (trip_id VARCHAR, rider_id VARCHAR, driver_id VARCHAR, city VARCHAR, status VARCHAR, status_at TIMESTAMP, fare DECIMAL(10,2))',
    insert('src_trip_status', rows),
  ];
}

function subscriptions(random: Random): string[] {
  const plans = [
    { id: 'basic', name: 'Basic', price: 9 },
    { id: 'pro', name: 'Pro', price: 29 },
    { id: 'team', name: 'Team', price: 99 },
  ];
  const prices: Value[][] = [];
  for (const plan of plans) {
    let price = plan.price;
    prices.push([quote(plan.id), cents(price - 0.01), quote('2024-06-01')]);
    for (const month of [2, 3, 4, 5, 6]) {
      if (random() < 0.35) {
        price = Math.round(price * (1 + int(random, 5, 20) / 100));
        prices.push([
          quote(plan.id),
          cents(price - 0.01),
          quote(`2025-0${month}-${pick(random, ['01', '10', '15'])}`),
        ]);
      }
    }
  }
  const subs: Value[][] = [];
  for (let s = 1; s <= 110; s++) {
    const started = day('2024-12-01', int(random, 0, 190));
    const ended = random() < 0.3 ? day(started, int(random, 20, 150)) : null;
    subs.push([
      quote(`s${pad(s)}`),
      quote(`c${pad(int(random, 1, 80))}`),
      quote(pick(random, plans).id),
      quote(started),
      ended === null ? null : quote(ended),
    ]);
  }
  return [
    'CREATE TABLE src_plans (plan_id VARCHAR, name VARCHAR)',
    insert(
      'src_plans',
      plans.map((p) => [quote(p.id), quote(p.name)]),
    ),
    'CREATE TABLE src_plan_prices (plan_id VARCHAR, monthly_price DECIMAL(10,2), effective_from DATE)',
    insert('src_plan_prices', prices),
    'CREATE TABLE src_subscriptions (subscription_id VARCHAR, customer_id VARCHAR, plan_id VARCHAR, started_on DATE, ended_on DATE)',
    insert('src_subscriptions', subs),
  ];
}

function hotel(random: Random): string[] {
  const types = [
    { type: 'standard', rate: 110 },
    { type: 'deluxe', rate: 170 },
    { type: 'suite', rate: 320 },
  ];
  const rooms = Array.from({ length: 24 }, (_, i) => ({
    id: `${Math.floor(i / 8) + 1}${pad((i % 8) + 1, 2)}`,
    type: types[i < 12 ? 0 : i < 20 ? 1 : 2] as (typeof types)[number],
    floor: Math.floor(i / 8) + 1,
  }));
  const bookings: Value[][] = [];
  let n = 0;
  for (const room of rooms) {
    let offset = int(random, 0, 4);
    while (offset < 50) {
      const nights = int(random, 1, 7);
      const cancelled = random() < 0.15;
      const rate = cents(room.type.rate * (0.85 + random() * 0.3));
      n += 1;
      bookings.push([
        quote(`b${pad(n, 4)}`),
        quote(`g${pad(int(random, 1, 150))}`),
        quote(room.id),
        quote(day('2025-05-20', offset)),
        quote(day('2025-05-20', offset + nights)),
        rate,
        quote(cancelled ? 'cancelled' : 'confirmed'),
      ]);
      // A cancelled booking frees its nights; a confirmed one holds them. Then a gap of 0–3 nights.
      offset += (cancelled ? 0 : nights) + int(random, 0, 3);
      if (cancelled) offset += 1;
    }
  }
  return [
    'CREATE TABLE src_rooms (room_id VARCHAR, room_type VARCHAR, floor INTEGER)',
    insert(
      'src_rooms',
      rooms.map((r) => [quote(r.id), quote(r.type.type), r.floor]),
    ),
    'CREATE TABLE src_bookings (booking_id VARCHAR, guest_id VARCHAR, room_id VARCHAR, check_in DATE, check_out DATE, nightly_rate DECIMAL(10,2), status VARCHAR)',
    insert('src_bookings', bookings),
  ];
}

function inventory(random: Random): string[] {
  const products = Array.from({ length: 10 }, (_, i) => ({
    sku: `SKU-${pad(i + 1)}`,
    cost: cents(2 + random() * 60),
  }));
  const movements: Value[][] = [];
  let id = 0;
  const start = Date.parse('2025-04-01T00:00:00Z');
  for (const product of products) {
    for (const warehouse of ['AMS', 'BER']) {
      if (random() < 0.2) continue;
      let onHand = 0;
      let at = start + int(random, 0, 4 * 86_400) * 1000;
      const end = start + 14 * 86_400_000;
      while (at < end) {
        let quantity: number;
        let reason: string;
        if (onHand < 20 || random() < 0.15) {
          quantity = int(random, 40, 120);
          reason = 'receipt';
        } else if (random() < 0.1) {
          quantity = -int(random, 1, 3);
          reason = 'adjustment';
        } else {
          quantity = -int(random, 1, Math.min(15, onHand));
          reason = 'pick';
        }
        onHand += quantity;
        id += 1;
        movements.push([
          quote(`m${pad(id, 5)}`),
          quote(product.sku),
          quote(warehouse),
          quote(stamp(at)),
          quantity,
          quote(reason),
        ]);
        at += int(random, 2, 40) * 3_600_000 + int(random, 0, 3_599) * 1000;
      }
    }
  }
  return [
    'CREATE TABLE src_products (sku VARCHAR, name VARCHAR, unit_cost DECIMAL(10,2))',
    insert(
      'src_products',
      products.map((p, i) => [quote(p.sku), quote(`Product ${i + 1}`), p.cost]),
    ),
    'CREATE TABLE src_stock_movements (movement_id VARCHAR, sku VARCHAR, warehouse VARCHAR, moved_at TIMESTAMP, quantity INTEGER, reason VARCHAR)',
    insert('src_stock_movements', movements),
  ];
}

const generators: Record<string, (random: Random) => string[]> = {
  'model-ride-hailing-trips': rideHailing,
  'model-subscription-billing': subscriptions,
  'model-hotel-room-nights': hotel,
  'model-inventory-snapshots': inventory,
};

export const modellingFixtureIds = Object.keys(generators);

/** The statements that create and fill a challenge's src_* tables for a seed. */
export function fixtureStatements(challengeId: string, seed: number): string[] {
  const generate = generators[challengeId];
  if (!generate)
    throw new Error(
      `No fixture for modelling challenge "${challengeId}": add one to lib/modelling/fixtures.ts.`,
    );
  return generate(mulberry32(seed * 2654435761));
}
