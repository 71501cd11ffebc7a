import type { paymentMethods, userSegments } from '../../contracts/records';

/**
 * How each user segment behaves. The figures are chosen so the whole shop lands near published e-commerce
 * benchmarks (about 3–5 % of sessions convert, about 6 % of product views add to cart, about a third of
 * carts are bought), while the segments stay clearly different from each other.
 */
export type Segment = (typeof userSegments)[number];
export type PaymentMethod = (typeof paymentMethods)[number];

export interface SegmentBehaviour {
  /** Share of the pre-existing user base (the `new` segment is set by signup date instead). */
  share: number;
  /** Relative number of sessions per user. */
  activity: number;
  /** Chance that a session is a single page view (a bounce). */
  bounceChance: number;
  /** Chance of another step after each event (the session length is geometric). */
  continueChance: number;
  searchChance: number;
  /** Chance to add a viewed, in-stock product to the cart, before the price factor. */
  cartChance: number;
  wishlistChance: number;
  /** Chance that a session ending with a non-empty cart checks out. */
  buyChance: number;
  /** Chance to buy more than one unit of a line. */
  multiUnitChance: number;
  couponChance: number;
  /** How price moves the cart chance: negative prefers cheap products, positive expensive ones. */
  priceElasticity: number;
  payment: Readonly<Record<PaymentMethod, number>>;
}

const defaultPayment = { card: 55, paypal: 20, apple_pay: 15, gift_card: 4, bank_transfer: 6 };

export const segmentBehaviour: Readonly<Record<Segment, SegmentBehaviour>> = {
  bargain_hunter: {
    share: 0.33,
    activity: 1.0,
    bounceChance: 0.35,
    continueChance: 0.86,
    searchChance: 0.3,
    cartChance: 0.05,
    wishlistChance: 0.08,
    buyChance: 0.25,
    multiUnitChance: 0.2,
    couponChance: 0.6,
    priceElasticity: -0.5,
    payment: { card: 45, paypal: 30, apple_pay: 10, gift_card: 10, bank_transfer: 5 },
  },
  loyal: {
    share: 0.22,
    activity: 2.5,
    bounceChance: 0.25,
    continueChance: 0.86,
    searchChance: 0.15,
    cartChance: 0.085,
    wishlistChance: 0.04,
    buyChance: 0.42,
    multiUnitChance: 0.25,
    couponChance: 0.2,
    priceElasticity: 0,
    payment: { card: 60, paypal: 15, apple_pay: 20, gift_card: 3, bank_transfer: 2 },
  },
  window_shopper: {
    share: 0.38,
    activity: 1.3,
    bounceChance: 0.45,
    continueChance: 0.88,
    searchChance: 0.2,
    cartChance: 0.025,
    wishlistChance: 0.12,
    buyChance: 0.1,
    multiUnitChance: 0.1,
    couponChance: 0.1,
    priceElasticity: -0.2,
    payment: defaultPayment,
  },
  big_spender: {
    share: 0.07,
    activity: 1.8,
    bounceChance: 0.3,
    continueChance: 0.84,
    searchChance: 0.1,
    cartChance: 0.1,
    wishlistChance: 0.03,
    buyChance: 0.45,
    multiUnitChance: 0.4,
    couponChance: 0.05,
    priceElasticity: 0.3,
    payment: { card: 70, paypal: 5, apple_pay: 20, gift_card: 1, bank_transfer: 4 },
  },
  new: {
    share: 0,
    activity: 0.8,
    bounceChance: 0.5,
    continueChance: 0.82,
    searchChance: 0.25,
    cartChance: 0.04,
    wishlistChance: 0.06,
    buyChance: 0.18,
    multiUnitChance: 0.1,
    couponChance: 0.45,
    priceElasticity: -0.3,
    payment: defaultPayment,
  },
};

export const segmentOrder: readonly Segment[] = [
  'bargain_hunter',
  'loyal',
  'window_shopper',
  'big_spender',
  'new',
];
