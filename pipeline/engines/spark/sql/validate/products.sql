-- Validate products (Spark), the rules of pipeline/stages/validate/products.sql.
-- Placeholders (filled by the Spark engine): raw_path, lake_root, window_end.
-- One statement, written once as products_validated (see users.sql for why).
CREATE OR REPLACE TABLE products_validated AS
WITH products_read AS (
SELECT replace(replace(input_file_name(), 'file://', ''), '{{lake_root}}/', '') AS source, value AS raw, parse_json(value) AS j,
       json_object_keys(value) AS keys
FROM text.`{{raw_path}}`
),
-- Schema drift: item_id → product_id, unit_price → price, stock → stock_qty (drift-renames.ts).
products_mapped AS (
SELECT source, raw, j, keys,
       coalesce(field(variant_get(j, '$.product_id')), field(variant_get(j, '$.item_id'))) AS product_id,
       array_contains(keys, 'product_id') OR array_contains(keys, 'item_id') AS has_product_id,
       field(variant_get(j, '$.sku')) AS sku, array_contains(keys, 'sku') AS has_sku,
       field(variant_get(j, '$.name')) AS name, array_contains(keys, 'name') AS has_name,
       field(variant_get(j, '$.category')) AS category, array_contains(keys, 'category') AS has_category,
       field(variant_get(j, '$.subcategory')) AS subcategory, array_contains(keys, 'subcategory') AS has_subcategory,
       field(variant_get(j, '$.brand')) AS brand, array_contains(keys, 'brand') AS has_brand,
       coalesce(field(variant_get(j, '$.price')), field(variant_get(j, '$.unit_price'))) AS price,
       array_contains(keys, 'price') OR array_contains(keys, 'unit_price') AS has_price,
       field(variant_get(j, '$.cost')) AS cost, array_contains(keys, 'cost') AS has_cost,
       field(variant_get(j, '$.currency')) AS currency, array_contains(keys, 'currency') AS has_currency,
       coalesce(field(variant_get(j, '$.stock_qty')), field(variant_get(j, '$.stock'))) AS stock_qty,
       array_contains(keys, 'stock_qty') OR array_contains(keys, 'stock') AS has_stock_qty,
       field(variant_get(j, '$.supplier_id')) AS supplier_id, array_contains(keys, 'supplier_id') AS has_supplier_id,
       field(variant_get(j, '$.supplier_name')) AS supplier_name, array_contains(keys, 'supplier_name') AS has_supplier_name,
       field(variant_get(j, '$.is_active')) AS is_active, array_contains(keys, 'is_active') AS has_is_active,
       field(variant_get(j, '$.created_at')) AS created_at, array_contains(keys, 'created_at') AS has_created_at,
       field(variant_get(j, '$.updated_at')) AS updated_at, array_contains(keys, 'updated_at') AS has_updated_at,
       extra_fields(j, keys, array('product_id', 'sku', 'name', 'category', 'subcategory', 'brand', 'price', 'cost', 'currency', 'stock_qty',
         'supplier_id', 'supplier_name', 'is_active', 'created_at', 'updated_at', 'item_id', 'unit_price', 'stock')) AS extra
FROM products_read
),
products_checked AS (
SELECT *,
       first_problem(array(
         required(has_product_id, product_id, 'product_id'), want_string(product_id, 'product_id'),
         required(has_sku, sku, 'sku'), want_string(sku, 'sku'),
         required(has_name, name, 'name'), want_string(name, 'name'),
         required(has_category, category, 'category'), want_string(category, 'category'),
         required(has_subcategory, subcategory, 'subcategory'), want_string(subcategory, 'subcategory'),
         required(has_brand, brand, 'brand'), want_string(brand, 'brand'),
         required(has_price, price, 'price'), want_number(price, 'price'),
         required(has_cost, cost, 'cost'), want_number(cost, 'cost'),
         required(has_currency, currency, 'currency'), want_string(currency, 'currency'),
         required(has_stock_qty, stock_qty, 'stock_qty'), want_integer(stock_qty, 'stock_qty'),
         required(has_supplier_id, supplier_id, 'supplier_id'), want_string(supplier_id, 'supplier_id'),
         required(has_supplier_name, supplier_name, 'supplier_name'), want_string(supplier_name, 'supplier_name'),
         required(has_is_active, is_active, 'is_active'), want_boolean(is_active, 'is_active'),
         required(has_created_at, created_at, 'created_at'), want_timestamp(created_at, 'created_at'),
         required(has_updated_at, updated_at, 'updated_at'), want_timestamp(updated_at, 'updated_at'),
         above(price, 'price', 0), at_least(cost, 'cost', 0), at_least(stock_qty, 'stock_qty', 0),
         one_of(currency, 'currency', array('USD')),
         not_future(updated_at, 'updated_at', {{window_end}}),
         not_future(created_at, 'created_at', {{window_end}})
       )) AS problem
FROM products_mapped
)
SELECT text(product_id) AS product_id,
       text(sku) AS sku,
       text(name) AS name,
       text(category) AS category,
       text(subcategory) AS subcategory,
       text(brand) AS brand,
       try_cast(text(price) AS DECIMAL(12, 2)) AS price,
       try_cast(text(cost) AS DECIMAL(12, 2)) AS cost,
       text(currency) AS currency,
       try_cast(text(stock_qty) AS INT) AS stock_qty,
       text(supplier_id) AS supplier_id,
       text(supplier_name) AS supplier_name,
       try_cast(text(is_active) AS BOOLEAN) AS is_active,
       try_cast(text(created_at) AS TIMESTAMP) AS created_at,
       try_cast(text(updated_at) AS TIMESTAMP) AS updated_at,
       extra,
       source,
       problem,
       CASE WHEN is_string(product_id) THEN text(product_id) END AS record_id,
       raw
FROM products_checked;

CREATE OR REPLACE TABLE stg_products_accepted AS
SELECT product_id, sku, name, category, subcategory, brand, price, cost, currency, stock_qty, supplier_id, supplier_name, is_active,
       created_at, updated_at, extra, source
FROM products_validated
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_products_rejected AS
SELECT 'products' AS entity, record_id, problem.code AS reason_code, problem.reason AS reason, problem.field AS field, raw, source
FROM products_validated
WHERE problem IS NOT NULL;
