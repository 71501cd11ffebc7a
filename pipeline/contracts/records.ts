import { z } from 'zod';

/**
 * The shape of every record the generator emits and the pipeline consumes (schema version 1). Field names
 * are snake_case because they become warehouse columns unchanged. Timestamps are ISO-8601 UTC strings with
 * milliseconds (`2025-08-24T13:05:09.123Z`); money is a JSON number with at most two decimals and becomes
 * DECIMAL(12,2) in the warehouse, never a float.
 */
export const entities = ['users', 'products', 'events', 'orders'] as const;
export type Entity = (typeof entities)[number];

/** Topic of the event log for each entity, plus the dead-letter topic for records that cannot be parsed. */
export const topicByEntity: Record<Entity, string> = {
  users: 'users',
  products: 'products',
  events: 'events',
  orders: 'orders',
};
export const deadLetterTopic = 'dead-letter';

/** The field that identifies a record of each entity (users have versions: user_id + version). */
export const idFieldByEntity: Record<Entity, string> = {
  users: 'user_id',
  products: 'product_id',
  events: 'event_id',
  orders: 'order_id',
};

/** The key a record is produced with, so related records share a partition (a user's events stay in order). */
export const keyFieldByEntity: Record<Entity, string> = {
  users: 'user_id',
  products: 'product_id',
  events: 'user_id',
  orders: 'user_id',
};

const isoTimestamp = z.iso.datetime({ offset: false, precision: 3 });
const money = z.number().nonnegative().multipleOf(0.01);

export const eventTypes = [
  'page_view',
  'product_view',
  'add_to_cart',
  'purchase',
  'search',
  'wishlist_add',
] as const;
export type EventType = (typeof eventTypes)[number];

export const userSegments = ['bargain_hunter', 'loyal', 'window_shopper', 'big_spender', 'new'] as const;
export const loyaltyTiers = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const devices = ['desktop', 'mobile', 'tablet'] as const;
export const referrers = ['direct', 'search', 'social', 'email', 'ads'] as const;
export const orderStatuses = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export const paymentMethods = ['card', 'paypal', 'apple_pay', 'gift_card', 'bank_transfer'] as const;

/** A version of a user profile. A user has version 1 at signup and more versions when the profile changes (SCD2). */
export const userRecordSchema = z.object({
  user_id: z.string().min(1),
  version: z.number().int().positive(),
  email: z.email(),
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  birth_year: z.number().int().min(1900).max(2015),
  country: z.string().length(2),
  city: z.string().min(1),
  segment: z.enum(userSegments),
  loyalty_tier: z.enum(loyaltyTiers),
  preferred_categories: z.array(z.string()),
  marketing_opt_in: z.boolean(),
  signup_ts: isoTimestamp,
  updated_at: isoTimestamp,
});
export type UserRecord = z.infer<typeof userRecordSchema>;

export const productRecordSchema = z.object({
  product_id: z.string().min(1),
  sku: z.string().min(1),
  name: z.string().min(1),
  category: z.string().min(1),
  subcategory: z.string().min(1),
  brand: z.string().min(1),
  price: money.positive(),
  cost: money,
  currency: z.literal('USD'),
  stock_qty: z.number().int().nonnegative(),
  supplier_id: z.string().min(1),
  supplier_name: z.string().min(1),
  is_active: z.boolean(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type ProductRecord = z.infer<typeof productRecordSchema>;

export const eventRecordSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.enum(eventTypes),
  event_ts: isoTimestamp,
  /** When the record entered the pipeline; a replayed event keeps its event_ts and gets a later ingested_at. */
  ingested_at: isoTimestamp,
  user_id: z.string().min(1),
  session_id: z.string().min(1),
  device: z.enum(devices),
  referrer: z.enum(referrers),
  page_url: z.string().min(1),
  /** Set for product_view, add_to_cart, wishlist_add and purchase; null otherwise. */
  product_id: z.string().min(1).nullable(),
  /** Set for search; null otherwise. */
  search_query: z.string().min(1).nullable(),
  /** Set for add_to_cart and purchase; null otherwise. */
  quantity: z.number().int().positive().nullable(),
  /** Set for purchase (the order it created); null otherwise. */
  order_id: z.string().min(1).nullable(),
  schema_version: z.literal(1),
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

export const orderLineSchema = z.object({
  line_no: z.number().int().positive(),
  product_id: z.string().min(1),
  quantity: z.number().int().positive(),
  unit_price: money.positive(),
  /** quantity × unit_price, rounded to cents. */
  line_total: money,
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderRecordSchema = z.object({
  order_id: z.string().min(1),
  user_id: z.string().min(1),
  session_id: z.string().min(1),
  order_ts: isoTimestamp,
  status: z.enum(orderStatuses),
  payment_method: z.enum(paymentMethods),
  currency: z.literal('USD'),
  /** Sum of line_total. */
  subtotal: money,
  discount: money,
  shipping: money,
  /** subtotal − discount + shipping. */
  total: money,
  coupon_code: z.string().min(1).nullable(),
  shipping_country: z.string().length(2),
  lines: z.array(orderLineSchema).min(1),
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

export const recordSchemaByEntity = {
  users: userRecordSchema,
  products: productRecordSchema,
  events: eventRecordSchema,
  orders: orderRecordSchema,
} as const;

/** The event-time field that decides a record's `event_date=` partition in the raw zone. */
export const eventTimeFieldByEntity: Record<Entity, string> = {
  users: 'updated_at',
  products: 'updated_at',
  events: 'event_ts',
  orders: 'order_ts',
};
