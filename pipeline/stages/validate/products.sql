-- Validate products. Placeholders (filled by validate/stage.ts): raw_files, lake_root, window_end.
CREATE OR REPLACE TEMP TABLE products_read AS
SELECT replace(filename, '{{lake_root}}/', '') AS source, json AS raw, json_keys(json) AS keys,
       json_transform(json, '{"product_id":"JSON","sku":"JSON","name":"JSON","category":"JSON","subcategory":"JSON","brand":"JSON",
         "price":"JSON","cost":"JSON","currency":"JSON","stock_qty":"JSON","supplier_id":"JSON","supplier_name":"JSON","is_active":"JSON",
         "created_at":"JSON","updated_at":"JSON","item_id":"JSON","unit_price":"JSON","stock":"JSON"}') AS f
FROM read_ndjson_objects({{raw_files}}, filename = true);

-- Schema drift: item_id → product_id, unit_price → price, stock → stock_qty (drift-renames.ts).
CREATE OR REPLACE TEMP TABLE products_mapped AS
SELECT source, raw, keys,
       coalesce(f.product_id, f.item_id) AS product_id, has(keys, 'product_id') OR has(keys, 'item_id') AS has_product_id,
       f.sku, has(keys, 'sku') AS has_sku,
       f.name, has(keys, 'name') AS has_name,
       f.category, has(keys, 'category') AS has_category,
       f.subcategory, has(keys, 'subcategory') AS has_subcategory,
       f.brand, has(keys, 'brand') AS has_brand,
       coalesce(f.price, f.unit_price) AS price, has(keys, 'price') OR has(keys, 'unit_price') AS has_price,
       f.cost, has(keys, 'cost') AS has_cost,
       f.currency, has(keys, 'currency') AS has_currency,
       coalesce(f.stock_qty, f.stock) AS stock_qty, has(keys, 'stock_qty') OR has(keys, 'stock') AS has_stock_qty,
       f.supplier_id, has(keys, 'supplier_id') AS has_supplier_id,
       f.supplier_name, has(keys, 'supplier_name') AS has_supplier_name,
       f.is_active, has(keys, 'is_active') AS has_is_active,
       f.created_at, has(keys, 'created_at') AS has_created_at,
       f.updated_at, has(keys, 'updated_at') AS has_updated_at,
       extra_fields(raw, keys, ['product_id', 'sku', 'name', 'category', 'subcategory', 'brand', 'price', 'cost', 'currency', 'stock_qty',
         'supplier_id', 'supplier_name', 'is_active', 'created_at', 'updated_at', 'item_id', 'unit_price', 'stock']) AS extra
FROM products_read;

CREATE OR REPLACE TEMP TABLE products_checked AS
SELECT *,
       first_problem([
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
         one_of(currency, 'currency', ['USD']),
         not_future(updated_at, 'updated_at', {{window_end}}),
         not_future(created_at, 'created_at', {{window_end}})
       ]) AS problem
FROM products_mapped;

CREATE OR REPLACE TABLE stg_products_accepted AS
SELECT text(product_id) AS product_id,
       text(sku) AS sku,
       text(name) AS name,
       text(category) AS category,
       text(subcategory) AS subcategory,
       text(brand) AS brand,
       text(price)::DECIMAL(12, 2) AS price,
       text(cost)::DECIMAL(12, 2) AS cost,
       text(currency) AS currency,
       text(stock_qty)::INTEGER AS stock_qty,
       text(supplier_id) AS supplier_id,
       text(supplier_name) AS supplier_name,
       text(is_active)::BOOLEAN AS is_active,
       text(created_at)::TIMESTAMP AS created_at,
       text(updated_at)::TIMESTAMP AS updated_at,
       extra::JSON AS extra,
       source
FROM products_checked
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_products_rejected AS
SELECT 'products' AS entity, CASE WHEN json_type(product_id) = 'VARCHAR' THEN text(product_id) END AS record_id,
       problem.code AS reason_code, problem.reason AS reason, problem.field AS field, raw::VARCHAR AS raw, source
FROM products_checked
WHERE problem IS NOT NULL;
