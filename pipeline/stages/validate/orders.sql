-- Validate orders and their lines. Placeholders (filled by validate/stage.ts): raw_files, lake_root, window_end.
CREATE OR REPLACE TEMP TABLE orders_read AS
SELECT row_number() OVER () AS rid, replace(filename, '{{lake_root}}/', '') AS source, json AS raw, json_keys(json) AS keys,
       json_transform(json, '{"order_id":"JSON","user_id":"JSON","session_id":"JSON","order_ts":"JSON","status":"JSON",
         "payment_method":"JSON","currency":"JSON","subtotal":"JSON","discount":"JSON","shipping":"JSON","total":"JSON",
         "coupon_code":"JSON","shipping_country":"JSON","lines":"JSON","customer_id":"JSON","created_at":"JSON","amount":"JSON"}') AS f
FROM read_ndjson_objects({{raw_files}}, filename = true);

-- Schema drift: customer_id → user_id, created_at → order_ts, amount → total (drift-renames.ts).
CREATE OR REPLACE TEMP TABLE orders_mapped AS
SELECT rid, source, raw, keys,
       f.order_id, has(keys, 'order_id') AS has_order_id,
       coalesce(f.user_id, f.customer_id) AS user_id, has(keys, 'user_id') OR has(keys, 'customer_id') AS has_user_id,
       f.session_id, has(keys, 'session_id') AS has_session_id,
       coalesce(f.order_ts, f.created_at) AS order_ts, has(keys, 'order_ts') OR has(keys, 'created_at') AS has_order_ts,
       f.status, has(keys, 'status') AS has_status,
       f.payment_method, has(keys, 'payment_method') AS has_payment_method,
       f.currency, has(keys, 'currency') AS has_currency,
       f.subtotal, has(keys, 'subtotal') AS has_subtotal,
       f.discount, has(keys, 'discount') AS has_discount,
       f.shipping, has(keys, 'shipping') AS has_shipping,
       coalesce(f.total, f.amount) AS total, has(keys, 'total') OR has(keys, 'amount') AS has_total,
       f.coupon_code, f.shipping_country, has(keys, 'shipping_country') AS has_shipping_country,
       f.lines, has(keys, 'lines') AS has_lines,
       CASE WHEN json_type(f.lines) = 'ARRAY'
            THEN json_transform(f.lines, '[{"line_no":"JSON","product_id":"JSON","quantity":"JSON","unit_price":"JSON","line_total":"JSON"}]') END AS line_values,
       extra_fields(raw, keys, ['order_id', 'user_id', 'session_id', 'order_ts', 'status', 'payment_method', 'currency', 'subtotal',
         'discount', 'shipping', 'total', 'coupon_code', 'shipping_country', 'lines', 'customer_id', 'created_at', 'amount']) AS extra
FROM orders_read;

-- Referential check of the lines: orders with a line whose product no accepted product has.
CREATE OR REPLACE TEMP TABLE orders_with_unknown_product AS
SELECT DISTINCT rid
FROM (SELECT rid, unnest(line_values) AS line FROM orders_mapped)
WHERE json_type(line.product_id) = 'VARCHAR' AND (line.product_id->>'$') NOT IN (SELECT product_id FROM stg_products_accepted);

-- Money is compared in whole cents, so 0.1 + 0.2 never fails a clean order.
CREATE OR REPLACE TEMP MACRO cents(v) AS round(try_cast((v->>'$') AS DOUBLE) * 100)::BIGINT;

CREATE OR REPLACE TEMP TABLE orders_checked AS
SELECT *,
       coalesce(first_problem([
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
         CASE WHEN json_type(lines) = 'ARRAY' AND json_array_length(lines) = 0
              THEN problem('OUT_OF_RANGE', 'lines', 'field "lines": an order needs at least one line') END,
         CASE WHEN list_bool_or(list_transform(line_values, l -> l.product_id IS NULL OR json_type(l.product_id) <> 'VARCHAR'))
              THEN problem('TYPE_MISMATCH', 'lines.product_id', 'field "lines.product_id": expected a string on every line') END,
         CASE WHEN list_bool_or(list_transform(line_values, l -> l.quantity IS NULL OR json_type(l.quantity) NOT IN ('UBIGINT', 'BIGINT')))
              THEN problem('TYPE_MISMATCH', 'lines.quantity', 'field "lines.quantity": expected a whole number on every line') END,
         CASE WHEN list_bool_or(list_transform(line_values, l -> l.unit_price IS NULL OR json_type(l.unit_price) NOT IN ('UBIGINT', 'BIGINT', 'DOUBLE')
                                                            OR l.line_total IS NULL OR json_type(l.line_total) NOT IN ('UBIGINT', 'BIGINT', 'DOUBLE')))
              THEN problem('TYPE_MISMATCH', 'lines.unit_price', 'fields "lines.unit_price" and "lines.line_total": expected numbers on every line') END,
         one_of(status, 'status', ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned']),
         one_of(payment_method, 'payment_method', ['card', 'paypal', 'apple_pay', 'gift_card', 'bank_transfer']),
         one_of(currency, 'currency', ['USD']),
         at_least(subtotal, 'subtotal', 0), at_least(discount, 'discount', 0), at_least(shipping, 'shipping', 0), at_least(total, 'total', 0),
         CASE WHEN list_bool_or(list_transform(line_values, l -> try_cast((l.quantity->>'$') AS BIGINT) <= 0))
              THEN problem('OUT_OF_RANGE', 'lines.quantity', 'field "lines.quantity": expected more than 0 on every line, found '
                           || array_to_string(list_transform(line_values, l -> l.quantity::VARCHAR), ', ')) END,
         CASE WHEN list_bool_or(list_transform(line_values, l -> try_cast((l.unit_price->>'$') AS DOUBLE) <= 0))
              THEN problem('OUT_OF_RANGE', 'lines.unit_price', 'field "lines.unit_price": expected more than 0 on every line, found '
                           || array_to_string(list_transform(line_values, l -> l.unit_price::VARCHAR), ', ')) END,
         CASE WHEN cents(total) <> cents(subtotal) - cents(discount) + cents(shipping)
              THEN problem('INVALID_VALUE', 'total', 'field "total": expected subtotal − discount + shipping = '
                           || ((cents(subtotal) - cents(discount) + cents(shipping)) / 100)::DECIMAL(14, 2) || ', found ' || shown(total)) END,
         CASE WHEN cents(subtotal) <> list_sum(list_transform(line_values, l -> round(try_cast((l.line_total->>'$') AS DOUBLE) * 100)::BIGINT))
              THEN problem('INVALID_VALUE', 'subtotal', 'field "subtotal": expected the sum of line_total, found ' || shown(subtotal)) END,
         not_future(order_ts, 'order_ts', {{window_end}})
       ]),
       CASE WHEN text(user_id) NOT IN (SELECT user_id FROM stg_users_accepted)
            THEN problem('ORPHAN_KEY', 'user_id', 'field "user_id": no accepted user has id ' || text(user_id)) END,
       CASE WHEN rid IN (SELECT rid FROM orders_with_unknown_product)
            THEN problem('ORPHAN_KEY', 'lines.product_id', 'field "lines.product_id": a line names a product no accepted product has') END
       ) AS problem
FROM orders_mapped;

CREATE OR REPLACE TABLE stg_orders_accepted AS
SELECT text(order_id) AS order_id,
       text(user_id) AS user_id,
       text(session_id) AS session_id,
       text(order_ts)::TIMESTAMP AS order_ts,
       text(status) AS status,
       text(payment_method) AS payment_method,
       text(currency) AS currency,
       text(subtotal)::DECIMAL(12, 2) AS subtotal,
       text(discount)::DECIMAL(12, 2) AS discount,
       text(shipping)::DECIMAL(12, 2) AS shipping,
       text(total)::DECIMAL(12, 2) AS total,
       text(coupon_code) AS coupon_code,
       text(shipping_country) AS shipping_country,
       list_transform(line_values, l -> {'line_no': (l.line_no->>'$')::INTEGER, 'product_id': l.product_id->>'$',
         'quantity': (l.quantity->>'$')::INTEGER, 'unit_price': (l.unit_price->>'$')::DECIMAL(12, 2),
         'line_total': (l.line_total->>'$')::DECIMAL(12, 2)}) AS lines,
       extra::JSON AS extra,
       source
FROM orders_checked
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_orders_rejected AS
SELECT 'orders' AS entity, CASE WHEN json_type(order_id) = 'VARCHAR' THEN text(order_id) END AS record_id,
       problem.code AS reason_code, problem.reason AS reason, problem.field AS field, raw::VARCHAR AS raw, source
FROM orders_checked
WHERE problem IS NOT NULL;
