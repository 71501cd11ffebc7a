import type { Random } from '../../core/random';
import { devices, eventTypes } from '../../contracts/records';
import type { Catalog } from './catalog';
import { categoryTree, subcategories } from './catalog-tree';
import { sessionIdText, type EventIdKey, type IdFactory } from './ids';
import { buildOrder, type CartLine } from './orders';
import { PendingEvent, PendingOrder, type Pending } from './pending';
import type { PendingHeap } from './pending-heap';
import type { SearchTerms } from './search-terms';
import { segmentBehaviour, segmentOrder } from './segments';
import type { UserPopulation } from './users';

/**
 * One session walks the funnel: a landing page view, then searches, category pages and product views; a
 * viewed product may go to the cart or the wishlist; a session that ends with a cart may check out, which
 * writes one purchase event per order line and the order itself, and takes the units out of stock.
 */
export interface World {
  users: UserPopulation;
  catalog: Catalog;
  search: SearchTerms;
  ids: IdFactory;
  /** Page URL by index (see sessionPageUrls), raw and as JSON literals. */
  pageUrls: string[];
  pageUrlsJson: string[];
  /** Event ids are computed from the emission index with this key (see ids.ts). */
  eventIdKey: EventIdKey;
  windowEndMs: number;
}

const type = Object.fromEntries(eventTypes.map((name, index) => [name, index])) as Record<
  (typeof eventTypes)[number],
  number
>;
const deviceWeights = [38, 55, 7];
const referrerWeights = [28, 30, 14, 12, 16];
const MAX_SESSION_MS = 45 * 60_000;
const MAX_STEPS = 40;
/**
 * Page URLs are indices into one table (World.pageUrls): every product page, then every search page, then these
 * (landing, checkout, category and subcategory pages), so an event carries a number, not a string.
 */
export const sessionPageUrls: readonly string[] = [
  '/',
  '/checkout/confirmation',
  ...categoryTree.map((category) => `/c/${category.slug}`),
  ...subcategories.map(({ category, subcategory }) => `/c/${category.slug}/${subcategory.slug}`),
];

export function pageUrlTable(productUrls: readonly string[], searchUrls: readonly string[]): string[] {
  return [...productUrls, ...searchUrls, ...sessionPageUrls];
}

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

export class SessionSimulator {
  private sequence = 0;
  private signedUp = 0;
  /**
   * The running session's events: the first `scratchCount` entries (entries after them are stale). Emptied by
   * resetting the count, never with `length = 0`, which makes V8 drop the backing store, so every one of ~200k
   * sessions per 1M events would allocate a new one.
   */
  private readonly scratch: PendingEvent[] = [];
  private scratchCount = 0;
  private readonly pool: PendingEvent[] = [];
  private readonly cart: CartLine[] = [];
  sessions = 0;
  orders = 0;
  // The running session, as fields rather than a closure per session (sessions are created ~200k times per 1M events).
  private time = 0;
  private user = 0;
  private device = 0;
  private referrer = 0;
  private sessionIndex = 0;
  private sessionStartMs = 0;
  private delayScale = 0;

  constructor(
    private readonly world: World,
    private readonly heap: PendingHeap<Pending>,
    private readonly random: Random,
  ) {}

  /** Users are sorted by signup: only those who have signed up by `timeMs` may have a session. */
  private pickUser(timeMs: number): number {
    const { users } = this.world;
    while (this.signedUp < users.count && users.signupMs[this.signedUp]! <= timeMs) this.signedUp++;
    const available = Math.max(1, this.signedUp);
    for (let attempt = 0; attempt < 6; attempt++) {
      const user = users.activity.sample(this.random.next());
      if (user < available) return user;
    }
    return this.random.int(0, available - 1);
  }

  private gap(meanMs: number): number {
    return 1000 + Math.floor(-Math.log(1 - this.random.next()) * meanMs);
  }

  private pickProduct(lastSubcategory: number, preferredMask: number): number {
    const { catalog } = this.world;
    const random = this.random;
    if (lastSubcategory >= 0 && random.next() < 0.6) {
      const group = catalog.bySubcategory[lastSubcategory];
      if (group) return group.products[group.table.sample(random.next())]!;
    }
    if (preferredMask !== 0 && random.next() < 0.3) {
      const category = random.int(0, categoryTree.length - 1);
      const group = (preferredMask & (1 << category)) !== 0 ? catalog.byCategory[category] : null;
      if (group) return group.products[group.table.sample(random.next())]!;
    }
    return catalog.popularProducts[catalog.popular.sample(random.next())]!;
  }

  private add(
    eventType: number,
    pageUrl: number,
    product: number,
    query: number,
    quantity: number,
    orderId: string | null,
  ): void {
    const delay = Math.min(5000, 40 + Math.floor(-Math.log(1 - this.random.next()) * this.delayScale));
    const event = this.pool.pop();
    if (event === undefined) {
      this.scratch[this.scratchCount++] = new PendingEvent(
        this.time,
        0,
        eventType,
        this.user,
        this.sessionIndex,
        this.sessionStartMs,
        this.device,
        this.referrer,
        pageUrl,
        product,
        query,
        quantity,
        orderId,
        delay,
      );
      return;
    }
    event.timeMs = this.time;
    event.type = eventType;
    event.user = this.user;
    event.sessionIndex = this.sessionIndex;
    event.sessionStartMs = this.sessionStartMs;
    event.device = this.device;
    event.referrer = this.referrer;
    event.pageUrl = pageUrl;
    event.product = product;
    event.query = query;
    event.quantity = quantity;
    event.orderId = orderId;
    event.ingestDelayMs = delay;
    this.scratch[this.scratchCount++] = event;
  }

  /**
   * Takes back an event once it is written. Pending events live for minutes of simulated time, long enough to
   * be promoted out of the young generation; reusing them spares the garbage collector a million objects per
   * million events.
   */
  recycle(event: PendingEvent): void {
    if (this.pool.length < 65_536) this.pool.push(event);
  }

  /** Simulates one session that starts at `startMs` and pushes at most `budget` events; returns how many. */
  run(startMs: number, budget: number): number {
    const { users, catalog, search, ids } = this.world;
    const searchUrls = catalog.count;
    const sessionUrls = searchUrls + search.queries.length;
    const random = this.random;
    const user = this.pickUser(startMs);
    const segment = segmentOrder[users.segment[user]!]!;
    const behaviour = segmentBehaviour[segment];
    const device = pick(deviceWeights, random.next());
    const referrer = pick(referrerWeights, random.next());

    this.user = user;
    this.device = device;
    this.referrer = referrer;
    this.sessionIndex = this.sessions;
    this.sessionStartMs = startMs;
    this.delayScale = devices[device] === 'mobile' ? 900 : 350;
    const scratch = this.scratch;
    const cart = this.cart;
    this.scratchCount = 0;
    cart.length = 0;
    this.time = startMs;
    const landingCategory = random.int(0, categoryTree.length - 1);
    this.add(
      type.page_view,
      random.next() < 0.6 ? sessionUrls : sessionUrls + 2 + landingCategory,
      -1,
      -1,
      0,
      null,
    );
    let lastSubcategory = -1;
    const bounced = random.next() < behaviour.bounceChance;
    for (let step = 0; !bounced && step < MAX_STEPS && random.next() < behaviour.continueChance; step++) {
      this.time += this.gap(30_000);
      if (this.time - startMs > MAX_SESSION_MS) break;
      const roll = random.next();
      if (roll < behaviour.searchChance) {
        const query = search.popular.sample(random.next());
        lastSubcategory = search.subcategoryOf[query]!;
        this.add(type.search, searchUrls + query, -1, query, 0, null);
      } else if (roll < behaviour.searchChance + 0.12) {
        const subIndex = random.int(0, subcategories.length - 1);
        lastSubcategory = subIndex;
        this.add(type.page_view, sessionUrls + 2 + categoryTree.length + subIndex, -1, -1, 0, null);
      } else {
        const product = this.pickProduct(lastSubcategory, users.preferredMask[user]!);
        const url = product;
        this.add(type.product_view, url, product, -1, 0, null);
        const priceFactor = Math.min(
          2.5,
          Math.max(0.3, Math.pow(catalog.priceCents[product]! / 5000, behaviour.priceElasticity)),
        );
        let inCart = 0;
        let line = -1;
        for (let index = 0; index < cart.length; index++) {
          if (cart[index]!.product === product) {
            line = index;
            inCart = cart[index]!.quantity;
          }
        }
        const available = catalog.stock[product]! - inCart;
        if (random.next() < behaviour.cartChance * priceFactor && available > 0) {
          const quantity = Math.min(
            available,
            random.next() < behaviour.multiUnitChance ? random.int(2, 3) : 1,
          );
          this.time += this.gap(8000);
          this.add(type.add_to_cart, url, product, -1, quantity, null);
          if (line >= 0) cart[line]!.quantity += quantity;
          else cart.push({ product, quantity });
        } else if (random.next() < behaviour.wishlistChance) {
          this.time += this.gap(5000);
          this.add(type.wishlist_add, url, product, -1, 0, null);
        }
      }
    }
    let order: PendingOrder | null = null;
    const browsing = this.scratchCount;
    if (cart.length > 0 && random.next() < behaviour.buyChance && browsing + cart.length <= budget) {
      this.time += this.gap(60_000);
      const orderId = ids.next(this.time);
      for (let index = 0; index < cart.length; index++) {
        const line = cart[index]!;
        this.add(type.purchase, sessionUrls + 1, line.product, -1, line.quantity, orderId);
        scratch[this.scratchCount - 1]!.timeMs = this.time + index;
        catalog.stock[line.product] = catalog.stock[line.product]! - line.quantity;
        catalog.lastSaleMs[line.product] = this.time + index;
      }
      const record = buildOrder(
        {
          orderId,
          userId: users.ids[user]!,
          sessionId: sessionIdText(this.world.eventIdKey, this.sessionIndex, startMs),
          timeMs: this.time,
          windowEndMs: this.world.windowEndMs,
          segment,
          countryIndex: users.country[user]!,
          mobile: devices[device] !== 'desktop',
        },
        cart,
        catalog,
        random,
      );
      order = new PendingOrder(this.time, 0, record);
    }
    // The last session may be cut to land on exactly N events; a cut never splits a checkout (see the budget check).
    const count = Math.min(this.scratchCount, budget);
    for (let index = 0; index < count; index++) scratch[index]!.sequence = this.sequence++;
    if (order) {
      order.sequence = this.sequence++;
      this.orders++;
    }
    // Only the session's first item enters the heap; each item links to the next one in (timeMs, sequence) order,
    // and whoever pops an item pushes its successor (see simulate-dataset). Merging sorted sessions this way gives
    // exactly the order of pushing every item, with a heap a few times smaller. The order sorts after the first
    // purchase event (same time, later sequence) and before the second (one millisecond later).
    let head: Pending | null = null;
    let tail: Pending | null = null;
    for (let index = 0; index < count; index++) {
      const event = scratch[index]!;
      event.next = null;
      if (tail === null) head = event;
      else tail.next = event;
      tail = event;
      if (order && index === browsing) {
        order.next = null;
        tail.next = order;
        tail = order;
      }
    }
    if (head !== null) this.heap.push(head);
    this.sessions++;
    return count;
  }
}
