-- dim_user (Spark), as pipeline/stages/model/dim-user.sql: SCD type 2. valid_from = the version's updated_at
-- (inclusive), valid_to = the next version's updated_at (exclusive), or 9999-12-31 for the current version.
CREATE OR REPLACE TABLE dim_user AS
SELECT CAST(row_number() OVER (ORDER BY user_id, version) AS BIGINT) AS user_sk,
       user_id,
       version,
       email,
       first_name,
       last_name,
       birth_year,
       country,
       city,
       segment,
       loyalty_tier,
       marketing_opt_in,
       signup_ts,
       updated_at AS valid_from,
       coalesce(lead(updated_at) OVER (PARTITION BY user_id ORDER BY version), TIMESTAMP '9999-12-31 00:00:00') AS valid_to,
       lead(updated_at) OVER (PARTITION BY user_id ORDER BY version) IS NULL AS is_current,
       preferred_categories,
       extra
FROM stg_users
ORDER BY user_id, version;
