-- dim_product (Spark), as pipeline/stages/model/dim-product.sql: one row per product (type 1).
CREATE OR REPLACE TABLE dim_product AS
SELECT CAST(row_number() OVER (ORDER BY product_id) AS BIGINT) AS product_sk,
       product_id, sku, name, category, subcategory, brand, price, cost, stock_qty, supplier_id, supplier_name, is_active,
       created_at, updated_at, extra
FROM stg_products
ORDER BY product_id;
