-- dim_product: one row per product (products arrive once per run, so there is no history to keep: type 1).
CREATE OR REPLACE TABLE dim_product AS
SELECT row_number() OVER (ORDER BY product_id)::BIGINT AS product_sk,
       product_id, sku, name, category, subcategory, brand, price, cost, stock_qty, supplier_id, supplier_name, is_active,
       created_at, updated_at, extra
FROM stg_products
ORDER BY product_id;
