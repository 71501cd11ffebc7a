import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { en, Faker } from '@faker-js/faker';

/**
 * The naive baseline: one @faker-js/faker call chain per event, JSON.stringify, written in 1 MiB chunks (so
 * the difference measured is generation, not I/O strategy).
 */
const { values } = parseArgs({ options: { events: { type: 'string' }, out: { type: 'string' } } });
const events = Number(values.events);
const faker = new Faker({ locale: [en] });
faker.seed(42);
faker.setDefaultRefDate('2025-08-24T00:00:00.000Z');
const types = ['page_view', 'product_view', 'add_to_cart', 'purchase', 'search', 'wishlist_add'] as const;
const from = '2025-08-24T00:00:00.000Z';
const to = '2025-09-07T00:00:00.000Z';
const fd = openSync(values.out!, 'w');
let pending = '';
const started = performance.now();
for (let index = 0; index < events; index++) {
  const eventTs = faker.date.between({ from, to });
  const type = faker.helpers.arrayElement(types);
  const withProduct = type !== 'page_view' && type !== 'search';
  const event = {
    event_id: faker.string.uuid(),
    event_type: type,
    event_ts: eventTs.toISOString(),
    ingested_at: new Date(eventTs.getTime() + faker.number.int({ min: 40, max: 5000 })).toISOString(),
    user_id: faker.string.uuid(),
    session_id: faker.string.uuid(),
    device: faker.helpers.arrayElement(['desktop', 'mobile', 'tablet']),
    referrer: faker.helpers.arrayElement(['direct', 'search', 'social', 'email', 'ads']),
    page_url: faker.internet.url(),
    product_id: withProduct ? faker.string.uuid() : null,
    search_query: type === 'search' ? faker.commerce.productName() : null,
    quantity: type === 'add_to_cart' || type === 'purchase' ? faker.number.int({ min: 1, max: 3 }) : null,
    order_id: type === 'purchase' ? faker.string.uuid() : null,
    schema_version: 1,
  };
  pending += `${JSON.stringify(event)}\n`;
  if (pending.length >= 1 << 20) {
    writeSync(fd, pending);
    pending = '';
  }
}
writeSync(fd, pending);
closeSync(fd);
const seconds = (performance.now() - started) / 1000;
rmSync(values.out!, { force: true });
console.log(JSON.stringify({ events, seconds, eventsPerSecond: Math.round(events / seconds) }));
