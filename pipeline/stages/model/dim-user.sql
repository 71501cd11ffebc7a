-- dim_user: slowly changing dimension, type 2. Every accepted version of a profile is a row with the interval in
-- which it was true: valid_from = the version's updated_at (inclusive), valid_to = the next version's updated_at
-- (exclusive), or 9999-12-31 for the current version. A fact joins the version valid at its own time
-- (point-in-time), so an order placed while a user was "silver" stays "silver" after an upgrade to "gold".
-- Versions are ordered by version number; a quarantined version simply leaves no row, and its predecessor stays
-- valid until the next accepted version.
CREATE OR REPLACE TABLE dim_user AS
SELECT row_number() OVER (ORDER BY user_id, version)::BIGINT AS user_sk,
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
