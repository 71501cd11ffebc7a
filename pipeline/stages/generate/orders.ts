import type { Random } from '../../core/random';
import { orderStatuses, paymentMethods, type OrderLine, type OrderRecord } from '../../contracts/records';
import type { Catalog } from './catalog';
import { countries } from './catalog-tree';
import { segmentBehaviour, type Segment } from './segments';
import { DAY_MS, formatIso } from './time-format';

/**
 * Turns a checked-out cart into an order whose money adds up in integer cents: line_total = quantity ×
 * unit_price, subtotal = Σ line_total, total = subtotal − discount + shipping. Status depends on the order's
 * age at the end of the window (recent orders are still placed or paid, older ones shipped or delivered).
 */
export interface CartLine {
  product: number;
  quantity: number;
}

const FREE_SHIPPING_CENTS = 5000;
const cents = (value: number): number => value / 100;

function weightedPick<T extends string>(
  weights: Readonly<Record<T, number>>,
  keys: readonly T[],
  uniform: number,
): T {
  let total = 0;
  for (const key of keys) total += weights[key];
  let target = uniform * total;
  for (const key of keys) {
    target -= weights[key];
    if (target < 0) return key;
  }
  return keys[keys.length - 1]!;
}

function statusOf(ageMs: number, random: Random): OrderRecord['status'] {
  const roll = random.next();
  if (roll < 0.04) return 'cancelled';
  if (ageMs > 10 * DAY_MS && roll < 0.07) return 'returned';
  if (ageMs > 4 * DAY_MS) return 'delivered';
  if (ageMs > DAY_MS) return 'shipped';
  if (ageMs > 2 * 3_600_000) return 'paid';
  return orderStatuses[0];
}

export interface OrderContext {
  orderId: string;
  userId: string;
  sessionId: string;
  timeMs: number;
  windowEndMs: number;
  segment: Segment;
  countryIndex: number;
  mobile: boolean;
}

export function buildOrder(
  context: OrderContext,
  cart: readonly CartLine[],
  catalog: Catalog,
  random: Random,
): OrderRecord {
  const behaviour = segmentBehaviour[context.segment];
  let subtotal = 0;
  const lines: OrderLine[] = cart.map((line, index) => {
    const unit = catalog.priceCents[line.product]!;
    subtotal += unit * line.quantity;
    return {
      line_no: index + 1,
      product_id: catalog.ids[line.product]!,
      quantity: line.quantity,
      unit_price: cents(unit),
      line_total: cents(unit * line.quantity),
    };
  });
  let coupon: string | null = null;
  let discount = 0;
  let freeShipping = false;
  if (random.next() < behaviour.couponChance) {
    if (context.segment === 'new') {
      coupon = 'WELCOME10';
      discount = Math.round(subtotal * 0.1);
    } else if (subtotal >= 7500 && random.next() < 0.5) {
      coupon = 'SAVE15';
      discount = Math.round(subtotal * 0.15);
    } else if (random.next() < 0.5) {
      coupon = 'FREESHIP';
      freeShipping = true;
    } else {
      coupon = 'SAVE10';
      discount = Math.round(subtotal * 0.1);
    }
  }
  const country = countries[context.countryIndex]!;
  const shipping =
    freeShipping || subtotal - discount >= FREE_SHIPPING_CENTS ? 0 : country.code === 'US' ? 499 : 999;
  let payment = weightedPick(behaviour.payment, paymentMethods, random.next());
  if (payment === 'apple_pay' && !context.mobile && random.next() < 0.7) payment = 'card';
  return {
    order_id: context.orderId,
    user_id: context.userId,
    session_id: context.sessionId,
    order_ts: formatIso(context.timeMs),
    status: statusOf(context.windowEndMs - context.timeMs, random),
    payment_method: payment,
    currency: 'USD',
    subtotal: cents(subtotal),
    discount: cents(discount),
    shipping: cents(shipping),
    total: cents(subtotal - discount + shipping),
    coupon_code: coupon,
    shipping_country: country.code,
    lines,
  };
}
