/**
 * The warehouse tables every run produces, with their columns. The model and aggregate stages
 * must create exactly these; lessons, SQL challenges and the playground are written against them.
 * Money columns are DECIMAL(12,2); keys are VARCHAR ids from the source systems except the surrogate keys.
 */
export interface ColumnSpec {
  name: string;
  type: string;
  description: string;
}

export interface TableSpec {
  name: string;
  grain: string;
  columns: readonly ColumnSpec[];
}

const col = (name: string, type: string, description: string): ColumnSpec => ({ name, type, description });

export const warehouseTables: readonly TableSpec[] = [
  {
    name: 'dim_date',
    grain: 'one row per calendar day of the run',
    columns: [
      col('date_key', 'INTEGER', 'YYYYMMDD'),
      col('date', 'DATE', 'the day'),
      col('year', 'INTEGER', ''),
      col('quarter', 'INTEGER', '1–4'),
      col('month', 'INTEGER', '1–12'),
      col('day_of_month', 'INTEGER', ''),
      col('day_of_week', 'INTEGER', 'ISO: 1 = Monday … 7 = Sunday'),
      col('day_name', 'VARCHAR', 'Monday …'),
      col('is_weekend', 'BOOLEAN', ''),
      col('iso_week', 'INTEGER', ''),
    ],
  },
  {
    name: 'dim_user',
    grain: 'one row per version of a user profile (SCD type 2)',
    columns: [
      col('user_sk', 'BIGINT', 'surrogate key, one per version'),
      col('user_id', 'VARCHAR', 'natural key'),
      col('version', 'INTEGER', '1, 2, …'),
      col('email', 'VARCHAR', ''),
      col('first_name', 'VARCHAR', ''),
      col('last_name', 'VARCHAR', ''),
      col('birth_year', 'INTEGER', ''),
      col('country', 'VARCHAR', 'ISO 3166-1 alpha-2'),
      col('city', 'VARCHAR', ''),
      col('segment', 'VARCHAR', 'bargain_hunter | loyal | window_shopper | big_spender | new'),
      col('loyalty_tier', 'VARCHAR', 'bronze | silver | gold | platinum'),
      col('marketing_opt_in', 'BOOLEAN', ''),
      col('signup_ts', 'TIMESTAMP', ''),
      col('valid_from', 'TIMESTAMP', 'this version is true from (inclusive)'),
      col('valid_to', 'TIMESTAMP', "until (exclusive); '9999-12-31' for the current version"),
      col('is_current', 'BOOLEAN', ''),
    ],
  },
  {
    name: 'dim_product',
    grain: 'one row per product (latest version)',
    columns: [
      col('product_sk', 'BIGINT', 'surrogate key'),
      col('product_id', 'VARCHAR', 'natural key'),
      col('sku', 'VARCHAR', ''),
      col('name', 'VARCHAR', ''),
      col('category', 'VARCHAR', ''),
      col('subcategory', 'VARCHAR', ''),
      col('brand', 'VARCHAR', ''),
      col('price', 'DECIMAL(12,2)', 'list price'),
      col('cost', 'DECIMAL(12,2)', ''),
      col('stock_qty', 'INTEGER', ''),
      col('supplier_id', 'VARCHAR', ''),
      col('supplier_name', 'VARCHAR', ''),
      col('is_active', 'BOOLEAN', ''),
    ],
  },
  {
    name: 'fact_events',
    grain: 'one row per accepted, de-duplicated event',
    columns: [
      col('event_id', 'VARCHAR', 'unique'),
      col(
        'event_type',
        'VARCHAR',
        'page_view | product_view | add_to_cart | purchase | search | wishlist_add',
      ),
      col('user_id', 'VARCHAR', ''),
      col('session_id', 'VARCHAR', 'from the source'),
      col('product_id', 'VARCHAR', 'null unless product-related'),
      col('order_id', 'VARCHAR', 'null unless purchase'),
      col('search_query', 'VARCHAR', 'null unless search'),
      col('quantity', 'INTEGER', 'null unless add_to_cart or purchase'),
      col('device', 'VARCHAR', ''),
      col('referrer', 'VARCHAR', ''),
      col('event_ts', 'TIMESTAMP', 'event time (UTC)'),
      col('ingested_at', 'TIMESTAMP', 'processing time'),
      col('date_key', 'INTEGER', 'YYYYMMDD of event_ts'),
      col('is_late', 'BOOLEAN', 'arrived more than the lateness threshold after event_ts'),
      col('extra', 'JSON', 'unknown fields kept from schema drift, else null'),
    ],
  },
  {
    name: 'fact_orders',
    grain: 'one row per accepted order',
    columns: [
      col('order_id', 'VARCHAR', 'unique'),
      col('user_id', 'VARCHAR', ''),
      col('user_sk', 'BIGINT', 'the dim_user version valid at order_ts (point-in-time)'),
      col('session_id', 'VARCHAR', ''),
      col('order_ts', 'TIMESTAMP', ''),
      col('date_key', 'INTEGER', ''),
      col('status', 'VARCHAR', 'placed | paid | shipped | delivered | cancelled | returned'),
      col('payment_method', 'VARCHAR', ''),
      col('subtotal', 'DECIMAL(12,2)', ''),
      col('discount', 'DECIMAL(12,2)', ''),
      col('shipping', 'DECIMAL(12,2)', ''),
      col('total', 'DECIMAL(12,2)', 'subtotal − discount + shipping'),
      col('coupon_code', 'VARCHAR', ''),
      col('shipping_country', 'VARCHAR', ''),
      col('line_count', 'INTEGER', ''),
    ],
  },
  {
    name: 'fact_order_lines',
    grain: 'one row per order line',
    columns: [
      col('order_id', 'VARCHAR', ''),
      col('line_no', 'INTEGER', ''),
      col('product_id', 'VARCHAR', ''),
      col('product_sk', 'BIGINT', ''),
      col('quantity', 'INTEGER', ''),
      col('unit_price', 'DECIMAL(12,2)', ''),
      col('line_total', 'DECIMAL(12,2)', 'quantity × unit_price'),
      col('order_ts', 'TIMESTAMP', 'copied from the order for partition pruning'),
      col('date_key', 'INTEGER', ''),
    ],
  },
  {
    name: 'mart_daily_revenue',
    grain: 'one row per day',
    columns: [
      col('date', 'DATE', ''),
      col('orders', 'BIGINT', 'orders not cancelled'),
      col('revenue', 'DECIMAL(14,2)', 'sum of total of orders not cancelled or returned'),
      col('units', 'BIGINT', ''),
      col('customers', 'BIGINT', 'distinct buyers'),
      col('avg_order_value', 'DECIMAL(14,2)', ''),
    ],
  },
  {
    name: 'mart_funnel',
    grain: 'one row per day and funnel step',
    columns: [
      col('date', 'DATE', ''),
      col('step', 'VARCHAR', 'product_view | add_to_cart | purchase'),
      col('step_order', 'INTEGER', '1, 2, 3'),
      col('sessions', 'BIGINT', 'sessions that reached this step'),
      col(
        'conversion_from_previous',
        'DOUBLE',
        'sessions / sessions of the previous step (1.0 for the first)',
      ),
    ],
  },
  {
    name: 'mart_top_products',
    grain: 'one row per product that sold',
    columns: [
      col('product_id', 'VARCHAR', ''),
      col('name', 'VARCHAR', ''),
      col('category', 'VARCHAR', ''),
      col('units', 'BIGINT', ''),
      col('revenue', 'DECIMAL(14,2)', ''),
      col('rank', 'INTEGER', 'by revenue, 1 = best'),
    ],
  },
  {
    name: 'mart_cohort_retention',
    grain: 'one row per signup-week cohort and week offset',
    columns: [
      col('cohort_week', 'DATE', 'Monday of the week of the first event'),
      col('week_offset', 'INTEGER', '0, 1, 2, …'),
      col('cohort_size', 'BIGINT', ''),
      col('active_users', 'BIGINT', ''),
      col('retention', 'DOUBLE', 'active_users / cohort_size'),
    ],
  },
  {
    name: 'mart_cart_abandonment',
    grain: 'one row per day',
    columns: [
      col('date', 'DATE', ''),
      col('carts', 'BIGINT', 'sessions with an add_to_cart'),
      col('abandoned', 'BIGINT', 'of those, sessions without a purchase'),
      col('abandonment_rate', 'DOUBLE', ''),
    ],
  },
  {
    // Exported so that the browser sees the duplicates half of the reconciliation (accepted = kept + removed)
    // and the SQL challenges can ask which events were delivered twice (the fact tables are already unique).
    name: 'dedupe_removed',
    grain: 'one row per duplicate copy the dedupe stage removed (the first copy by event time is kept)',
    columns: [
      col('entity', 'VARCHAR', 'users | products | events | orders'),
      col(
        'record_id',
        'VARCHAR',
        "the duplicated id: event_id, order_id, product_id, or user_id || '#' || version",
      ),
      col('source', 'VARCHAR', 'lake key of the raw file the removed copy landed in'),
      col('copy_number', 'BIGINT', '2 for the first extra copy, 3 for the next, …'),
    ],
  },
  {
    name: 'quarantine',
    grain: 'one row per rejected record',
    columns: [
      col('entity', 'VARCHAR', 'users | products | events | orders'),
      col('record_id', 'VARCHAR', 'the id when it could be read, else null'),
      col(
        'reason_code',
        'VARCHAR',
        'MALFORMED | MISSING_FIELD | TYPE_MISMATCH | NULL_REQUIRED | OUT_OF_RANGE | …',
      ),
      col('reason', 'VARCHAR', 'human-readable: which field, what was expected, what was found'),
      col('field', 'VARCHAR', ''),
      col('raw', 'VARCHAR', 'the record as it arrived'),
      col('source', 'VARCHAR', 'lake key or topic/partition/offset it came from'),
      col(
        'stage',
        'VARCHAR',
        'ingest (a line it could not date-partition, also on the dead-letter topic) | validate (a failed check); each record is rejected once, by one stage',
      ),
    ],
  },
];
