-- Validate orders and their lines (Spark), the rules of pipeline/stages/validate/orders.sql.
-- Placeholders: raw_path, lake_root, window_end.
-- Each line gets a row id once (written to a file, so every later read sees the same ids).
CREATE OR REPLACE TABLE orders_parsed AS
SELECT monotonically_increasing_id() AS rid, replace(replace(input_file_name(), 'file://', ''), '{{lake_root}}/', '') AS source, value AS raw
FROM text.`{{raw_path}}`;

-- Money is compared in whole cents, so 0.1 + 0.2 never fails a clean order.
CREATE OR REPLACE TEMPORARY FUNCTION cents(v VARIANT) RETURNS BIGINT RETURN CAST(round(try_cast(text(v) AS DOUBLE) * 100) AS BIGINT);

-- One statement, written once as orders_validated (see users.sql for why).
CREATE OR REPLACE TABLE orders_validated AS
WITH orders_read AS (
  SELECT rid, source, raw, parse_json(raw) AS j, json_object_keys(raw) AS keys FROM orders_parsed
),

-- Schema drift: customer_id → user_id, created_at → order_ts, amount → total (drift-renames.ts).
orders_mapped AS (
SELECT rid, source, raw, j, keys,
       field(variant_get(j, '$.order_id')) AS order_id, array_contains(keys, 'order_id') AS has_order_id,
       coalesce(field(variant_get(j, '$.user_id')), field(variant_get(j, '$.customer_id'))) AS user_id,
       array_contains(keys, 'user_id') OR array_contains(keys, 'customer_id') AS has_user_id,
       field(variant_get(j, '$.session_id')) AS session_id, array_contains(keys, 'session_id') AS has_session_id,
       coalesce(field(variant_get(j, '$.order_ts')), field(variant_get(j, '$.created_at'))) AS order_ts,
       array_contains(keys, 'order_ts') OR array_contains(keys, 'created_at') AS has_order_ts,
       field(variant_get(j, '$.status')) AS status, array_contains(keys, 'status') AS has_status,
       field(variant_get(j, '$.payment_method')) AS payment_method, array_contains(keys, 'payment_method') AS has_payment_method,
       field(variant_get(j, '$.currency')) AS currency, array_contains(keys, 'currency') AS has_currency,
       field(variant_get(j, '$.subtotal')) AS subtotal, array_contains(keys, 'subtotal') AS has_subtotal,
       field(variant_get(j, '$.discount')) AS discount, array_contains(keys, 'discount') AS has_discount,
       field(variant_get(j, '$.shipping')) AS shipping, array_contains(keys, 'shipping') AS has_shipping,
       coalesce(field(variant_get(j, '$.total')), field(variant_get(j, '$.amount'))) AS total,
       array_contains(keys, 'total') OR array_contains(keys, 'amount') AS has_total,
       field(variant_get(j, '$.coupon_code')) AS coupon_code,
       field(variant_get(j, '$.shipping_country')) AS shipping_country, array_contains(keys, 'shipping_country') AS has_shipping_country,
       field(variant_get(j, '$.lines')) AS lines, array_contains(keys, 'lines') AS has_lines,
       -- Each line's values as JSON text (NULL for an absent or null value): SQL functions cannot run inside a
       -- lambda in Spark 4.0, so the line checks below use built-ins on that text (a string starts with a quote).
       CASE WHEN schema_of_variant(field(variant_get(j, '$.lines'))) LIKE 'ARRAY%'
            THEN transform(variant_get(j, '$.lines', 'array<variant>'), l -> named_struct(
              'line_no', nullif(to_json(variant_get(l, '$.line_no')), 'null'), 'product_id', nullif(to_json(variant_get(l, '$.product_id')), 'null'),
              'quantity', nullif(to_json(variant_get(l, '$.quantity')), 'null'), 'unit_price', nullif(to_json(variant_get(l, '$.unit_price')), 'null'),
              'line_total', nullif(to_json(variant_get(l, '$.line_total')), 'null'))) END AS line_values,
       extra_fields(j, keys, array('order_id', 'user_id', 'session_id', 'order_ts', 'status', 'payment_method', 'currency', 'subtotal',
         'discount', 'shipping', 'total', 'coupon_code', 'shipping_country', 'lines', 'customer_id', 'created_at', 'amount')) AS extra
FROM orders_read
),
-- Referential check of the lines: orders with a line whose product no accepted product has.
orders_with_unknown_product AS (
SELECT DISTINCT rid
FROM (SELECT rid, explode(line_values) AS line FROM orders_mapped) AS l
LEFT JOIN (SELECT DISTINCT product_id AS known_product_id FROM stg_products_accepted) AS p ON p.known_product_id = get_json_object('{"v":' || l.line.product_id || '}', '$.v')
WHERE left(l.line.product_id, 1) = '"' AND p.known_product_id IS NULL
),
orders_checked AS (
SELECT m.*,
       coalesce(first_problem(array(
         required(has_order_id, order_id, 'order_id'), want_string(order_id, 'order_id'),
         required(has_user_id, user_id, 'user_id'), want_string(user_id, 'user_id'),
         required(has_session_id, session_id, 'session_id'), want_string(session_id, 'session_id'),
         required(has_order_ts, order_ts, 'order_ts'), want_timestamp(order_ts, 'order_ts'),
         required(has_status, status, 'status'), want_string(status, 'status'),
         required(has_payment_method, payment_method, 'payment_method'), want_string(payment_method, 'payment_method'),
         required(has_currency, currency, 'currency'), want_string(currency, 'currency'),
         required(has_subtotal, subtotal, 'subtotal'), want_number(subtotal, 'subtotal'),
         required(has_discount, discount, 'discount'), want_number(discount, 'discount'),
         required(has_shipping, shipping, 'shipping'), want_number(shipping, 'shipping'),
         required(has_total, total, 'total'), want_number(total, 'total'),
         want_string(coupon_code, 'coupon_code'),
         required(has_shipping_country, shipping_country, 'shipping_country'), want_string(shipping_country, 'shipping_country'),
         required(has_lines, lines, 'lines'), want_array(lines, 'lines'),
         CASE WHEN schema_of_variant(lines) LIKE 'ARRAY%' AND size(line_values) = 0
              THEN problem('OUT_OF_RANGE', 'lines', 'field "lines": an order needs at least one line') END,
         CASE WHEN exists(line_values, l -> l.product_id IS NULL OR left(l.product_id, 1) <> '"')
              THEN problem('TYPE_MISMATCH', 'lines.product_id', 'field "lines.product_id": expected a string on every line') END,
         CASE WHEN exists(line_values, l -> l.quantity IS NULL OR NOT l.quantity RLIKE '^-?[0-9]+$')
              THEN problem('TYPE_MISMATCH', 'lines.quantity', 'field "lines.quantity": expected a whole number on every line') END,
         CASE WHEN exists(line_values, l -> l.unit_price IS NULL OR NOT l.unit_price RLIKE '^-?[0-9]' OR l.line_total IS NULL OR NOT l.line_total RLIKE '^-?[0-9]')
              THEN problem('TYPE_MISMATCH', 'lines.unit_price', 'fields "lines.unit_price" and "lines.line_total": expected numbers on every line') END,
         one_of(status, 'status', array('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
         one_of(payment_method, 'payment_method', array('card', 'paypal', 'apple_pay', 'gift_card', 'bank_transfer')),
         one_of(currency, 'currency', array('USD')),
         at_least(subtotal, 'subtotal', 0), at_least(discount, 'discount', 0), at_least(shipping, 'shipping', 0), at_least(total, 'total', 0),
         CASE WHEN exists(line_values, l -> try_cast(l.quantity AS BIGINT) <= 0)
              THEN problem('OUT_OF_RANGE', 'lines.quantity', 'field "lines.quantity": expected more than 0 on every line, found '
                           || array_join(transform(line_values, l -> l.quantity), ', ')) END,
         CASE WHEN exists(line_values, l -> try_cast(l.unit_price AS DOUBLE) <= 0)
              THEN problem('OUT_OF_RANGE', 'lines.unit_price', 'field "lines.unit_price": expected more than 0 on every line, found '
                           || array_join(transform(line_values, l -> l.unit_price), ', ')) END,
         CASE WHEN cents(total) <> cents(subtotal) - cents(discount) + cents(shipping)
              THEN problem('INVALID_VALUE', 'total', 'field "total": expected subtotal − discount + shipping = '
                           || CAST((cents(subtotal) - cents(discount) + cents(shipping)) / 100 AS DECIMAL(14, 2)) || ', found ' || shown(total)) END,
         CASE WHEN cents(subtotal) <> aggregate(transform(line_values, l -> CAST(round(try_cast(l.line_total AS DOUBLE) * 100) AS BIGINT)), 0L,
                                                (sum, c) -> sum + coalesce(c, 0L))
              THEN problem('INVALID_VALUE', 'subtotal', 'field "subtotal": expected the sum of line_total, found ' || shown(subtotal)) END,
         not_future(order_ts, 'order_ts', {{window_end}})
       )),
       CASE WHEN u.known_user_id IS NULL
            THEN problem('ORPHAN_KEY', 'user_id', 'field "user_id": no accepted user has id ' || text(user_id)) END,
       CASE WHEN x.rid IS NOT NULL
            THEN problem('ORPHAN_KEY', 'lines.product_id', 'field "lines.product_id": a line names a product no accepted product has') END
       ) AS problem
FROM orders_mapped AS m
LEFT JOIN (SELECT DISTINCT user_id AS known_user_id FROM stg_users_accepted) AS u ON u.known_user_id = text(m.user_id)
LEFT JOIN orders_with_unknown_product AS x ON x.rid = m.rid
)
SELECT text(order_id) AS order_id,
       text(user_id) AS user_id,
       text(session_id) AS session_id,
       try_cast(text(order_ts) AS TIMESTAMP) AS order_ts,
       text(status) AS status,
       text(payment_method) AS payment_method,
       text(currency) AS currency,
       try_cast(text(subtotal) AS DECIMAL(12, 2)) AS subtotal,
       try_cast(text(discount) AS DECIMAL(12, 2)) AS discount,
       try_cast(text(shipping) AS DECIMAL(12, 2)) AS shipping,
       try_cast(text(total) AS DECIMAL(12, 2)) AS total,
       text(coupon_code) AS coupon_code,
       text(shipping_country) AS shipping_country,
       transform(line_values, l -> named_struct('line_no', try_cast(l.line_no AS INT), 'product_id', get_json_object('{"v":' || l.product_id || '}', '$.v'),
         'quantity', try_cast(l.quantity AS INT), 'unit_price', try_cast(l.unit_price AS DECIMAL(12, 2)),
         'line_total', try_cast(l.line_total AS DECIMAL(12, 2)))) AS lines,
       extra,
       source,
       problem,
       CASE WHEN is_string(order_id) THEN text(order_id) END AS record_id,
       raw
FROM orders_checked;

CREATE OR REPLACE TABLE stg_orders_accepted AS
SELECT order_id, user_id, session_id, order_ts, status, payment_method, currency, subtotal, discount, shipping, total, coupon_code,
       shipping_country, lines, extra, source
FROM orders_validated
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_orders_rejected AS
SELECT 'orders' AS entity, record_id, problem.code AS reason_code, problem.reason AS reason, problem.field AS field, raw, source
FROM orders_validated
WHERE problem IS NOT NULL;
