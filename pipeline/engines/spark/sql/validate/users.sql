-- Validate user profile versions (Spark), the rules of pipeline/stages/validate/users.sql.
-- Placeholders (filled by the Spark engine): raw_path (the raw files, a glob), lake_root, window_end.
-- One statement, written once as users_validated: Spark plans the checks once, and accepted and rejected are then
-- two cheap filters of that file (a cached view would be planned again by every statement that reads it).
CREATE OR REPLACE TABLE users_validated AS
WITH users_read AS (
SELECT replace(replace(input_file_name(), 'file://', ''), '{{lake_root}}/', '') AS source, value AS raw, parse_json(value) AS j,
       json_object_keys(value) AS keys
FROM text.`{{raw_path}}`
),
-- Schema drift: customer_id → user_id, email_address → email, tier → loyalty_tier (drift-renames.ts).
users_mapped AS (
SELECT source, raw, j, keys,
       coalesce(field(variant_get(j, '$.user_id')), field(variant_get(j, '$.customer_id'))) AS user_id,
       array_contains(keys, 'user_id') OR array_contains(keys, 'customer_id') AS has_user_id,
       field(variant_get(j, '$.version')) AS version, array_contains(keys, 'version') AS has_version,
       coalesce(field(variant_get(j, '$.email')), field(variant_get(j, '$.email_address'))) AS email,
       array_contains(keys, 'email') OR array_contains(keys, 'email_address') AS has_email,
       field(variant_get(j, '$.first_name')) AS first_name, array_contains(keys, 'first_name') AS has_first_name,
       field(variant_get(j, '$.last_name')) AS last_name, array_contains(keys, 'last_name') AS has_last_name,
       field(variant_get(j, '$.birth_year')) AS birth_year, array_contains(keys, 'birth_year') AS has_birth_year,
       field(variant_get(j, '$.country')) AS country, array_contains(keys, 'country') AS has_country,
       field(variant_get(j, '$.city')) AS city, array_contains(keys, 'city') AS has_city,
       field(variant_get(j, '$.segment')) AS segment, array_contains(keys, 'segment') AS has_segment,
       coalesce(field(variant_get(j, '$.loyalty_tier')), field(variant_get(j, '$.tier'))) AS loyalty_tier,
       array_contains(keys, 'loyalty_tier') OR array_contains(keys, 'tier') AS has_loyalty_tier,
       field(variant_get(j, '$.preferred_categories')) AS preferred_categories,
       field(variant_get(j, '$.marketing_opt_in')) AS marketing_opt_in, array_contains(keys, 'marketing_opt_in') AS has_marketing_opt_in,
       field(variant_get(j, '$.signup_ts')) AS signup_ts, array_contains(keys, 'signup_ts') AS has_signup_ts,
       field(variant_get(j, '$.updated_at')) AS updated_at, array_contains(keys, 'updated_at') AS has_updated_at,
       extra_fields(j, keys, array('user_id', 'version', 'email', 'first_name', 'last_name', 'birth_year', 'country', 'city', 'segment',
         'loyalty_tier', 'preferred_categories', 'marketing_opt_in', 'signup_ts', 'updated_at', 'customer_id', 'email_address', 'tier')) AS extra
FROM users_read
),
users_checked AS (
SELECT *,
       first_problem(array(
         required(has_user_id, user_id, 'user_id'), want_string(user_id, 'user_id'),
         required(has_version, version, 'version'), want_integer(version, 'version'),
         required(has_email, email, 'email'), want_string(email, 'email'),
         required(has_first_name, first_name, 'first_name'), want_string(first_name, 'first_name'),
         required(has_last_name, last_name, 'last_name'), want_string(last_name, 'last_name'),
         required(has_birth_year, birth_year, 'birth_year'), want_integer(birth_year, 'birth_year'),
         required(has_country, country, 'country'), want_string(country, 'country'),
         required(has_city, city, 'city'), want_string(city, 'city'),
         required(has_segment, segment, 'segment'), want_string(segment, 'segment'),
         required(has_loyalty_tier, loyalty_tier, 'loyalty_tier'), want_string(loyalty_tier, 'loyalty_tier'),
         want_array(preferred_categories, 'preferred_categories'),
         required(has_marketing_opt_in, marketing_opt_in, 'marketing_opt_in'), want_boolean(marketing_opt_in, 'marketing_opt_in'),
         required(has_signup_ts, signup_ts, 'signup_ts'), want_timestamp(signup_ts, 'signup_ts'),
         required(has_updated_at, updated_at, 'updated_at'), want_timestamp(updated_at, 'updated_at'),
         at_least(version, 'version', 1),
         CASE WHEN is_integer(birth_year) AND (try_cast(text(birth_year) AS INT) NOT BETWEEN 1900 AND 2015)
              THEN problem('OUT_OF_RANGE', 'birth_year', 'field "birth_year": expected 1900–2015, found ' || shown(birth_year)) END,
         CASE WHEN is_string(email) AND NOT contains(text(email), '@')
              THEN problem('INVALID_VALUE', 'email', 'field "email": expected an e-mail address, found ' || shown(email)) END,
         CASE WHEN is_string(country) AND length(text(country)) <> 2
              THEN problem('INVALID_VALUE', 'country', 'field "country": expected a two-letter ISO code, found ' || shown(country)) END,
         one_of(segment, 'segment', array('bargain_hunter', 'loyal', 'window_shopper', 'big_spender', 'new')),
         one_of(loyalty_tier, 'loyalty_tier', array('bronze', 'silver', 'gold', 'platinum')),
         not_future(updated_at, 'updated_at', {{window_end}}),
         not_future(signup_ts, 'signup_ts', {{window_end}})
       )) AS problem
FROM users_mapped
)
-- try_cast: the typed values are read for every row here, rejected ones included (only accepted rows keep them).
SELECT text(user_id) AS user_id,
       try_cast(text(version) AS INT) AS version,
       text(email) AS email,
       text(first_name) AS first_name,
       text(last_name) AS last_name,
       try_cast(text(birth_year) AS INT) AS birth_year,
       text(country) AS country,
       text(city) AS city,
       text(segment) AS segment,
       text(loyalty_tier) AS loyalty_tier,
       coalesce(try_variant_get(preferred_categories, '$', 'array<string>'), CAST(array() AS ARRAY<STRING>)) AS preferred_categories,
       try_cast(text(marketing_opt_in) AS BOOLEAN) AS marketing_opt_in,
       try_cast(text(signup_ts) AS TIMESTAMP) AS signup_ts,
       try_cast(text(updated_at) AS TIMESTAMP) AS updated_at,
       extra,
       source,
       problem,
       CASE WHEN is_string(user_id) THEN text(user_id) || '#' || coalesce(text(version), '?') END AS record_id,
       raw
FROM users_checked;

CREATE OR REPLACE TABLE stg_users_accepted AS
SELECT user_id, version, email, first_name, last_name, birth_year, country, city, segment, loyalty_tier, preferred_categories,
       marketing_opt_in, signup_ts, updated_at, extra, source
FROM users_validated
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_users_rejected AS
SELECT 'users' AS entity, record_id, problem.code AS reason_code, problem.reason AS reason, problem.field AS field, raw, source
FROM users_validated
WHERE problem IS NOT NULL;
