-- Validate user profile versions (one line per version; SCD2 is built from them in the model stage).
-- Placeholders (filled by validate/stage.ts): raw_files, lake_root, window_end.
CREATE OR REPLACE TEMP TABLE users_read AS
SELECT replace(filename, '{{lake_root}}/', '') AS source, json AS raw, json_keys(json) AS keys,
       json_transform(json, '{"user_id":"JSON","version":"JSON","email":"JSON","first_name":"JSON","last_name":"JSON",
         "birth_year":"JSON","country":"JSON","city":"JSON","segment":"JSON","loyalty_tier":"JSON","preferred_categories":"JSON",
         "marketing_opt_in":"JSON","signup_ts":"JSON","updated_at":"JSON","customer_id":"JSON","email_address":"JSON","tier":"JSON"}') AS f
FROM read_ndjson_objects({{raw_files}}, filename = true);

-- Schema drift: customer_id → user_id, email_address → email, tier → loyalty_tier (drift-renames.ts).
CREATE OR REPLACE TEMP TABLE users_mapped AS
SELECT source, raw, keys,
       coalesce(f.user_id, f.customer_id) AS user_id, has(keys, 'user_id') OR has(keys, 'customer_id') AS has_user_id,
       f.version, has(keys, 'version') AS has_version,
       coalesce(f.email, f.email_address) AS email, has(keys, 'email') OR has(keys, 'email_address') AS has_email,
       f.first_name, has(keys, 'first_name') AS has_first_name,
       f.last_name, has(keys, 'last_name') AS has_last_name,
       f.birth_year, has(keys, 'birth_year') AS has_birth_year,
       f.country, has(keys, 'country') AS has_country,
       f.city, has(keys, 'city') AS has_city,
       f.segment, has(keys, 'segment') AS has_segment,
       coalesce(f.loyalty_tier, f.tier) AS loyalty_tier, has(keys, 'loyalty_tier') OR has(keys, 'tier') AS has_loyalty_tier,
       f.preferred_categories, f.marketing_opt_in, has(keys, 'marketing_opt_in') AS has_marketing_opt_in,
       f.signup_ts, has(keys, 'signup_ts') AS has_signup_ts,
       f.updated_at, has(keys, 'updated_at') AS has_updated_at,
       extra_fields(raw, keys, ['user_id', 'version', 'email', 'first_name', 'last_name', 'birth_year', 'country', 'city', 'segment',
         'loyalty_tier', 'preferred_categories', 'marketing_opt_in', 'signup_ts', 'updated_at', 'customer_id', 'email_address', 'tier']) AS extra
FROM users_read;

CREATE OR REPLACE TEMP TABLE users_checked AS
SELECT *,
       first_problem([
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
         CASE WHEN json_type(birth_year) IN ('UBIGINT', 'BIGINT') AND (try_cast(text(birth_year) AS INTEGER) NOT BETWEEN 1900 AND 2015)
              THEN problem('OUT_OF_RANGE', 'birth_year', 'field "birth_year": expected 1900–2015, found ' || shown(birth_year)) END,
         CASE WHEN json_type(email) = 'VARCHAR' AND NOT contains(text(email), '@')
              THEN problem('INVALID_VALUE', 'email', 'field "email": expected an e-mail address, found ' || shown(email)) END,
         CASE WHEN json_type(country) = 'VARCHAR' AND length(text(country)) <> 2
              THEN problem('INVALID_VALUE', 'country', 'field "country": expected a two-letter ISO code, found ' || shown(country)) END,
         one_of(segment, 'segment', ['bargain_hunter', 'loyal', 'window_shopper', 'big_spender', 'new']),
         one_of(loyalty_tier, 'loyalty_tier', ['bronze', 'silver', 'gold', 'platinum']),
         not_future(updated_at, 'updated_at', {{window_end}}),
         not_future(signup_ts, 'signup_ts', {{window_end}})
       ]) AS problem
FROM users_mapped;

CREATE OR REPLACE TABLE stg_users_accepted AS
SELECT text(user_id) AS user_id,
       text(version)::INTEGER AS version,
       text(email) AS email,
       text(first_name) AS first_name,
       text(last_name) AS last_name,
       text(birth_year)::INTEGER AS birth_year,
       text(country) AS country,
       text(city) AS city,
       text(segment) AS segment,
       text(loyalty_tier) AS loyalty_tier,
       coalesce(json_transform(preferred_categories, '["VARCHAR"]'), []::VARCHAR[]) AS preferred_categories,
       (text(marketing_opt_in))::BOOLEAN AS marketing_opt_in,
       text(signup_ts)::TIMESTAMP AS signup_ts,
       text(updated_at)::TIMESTAMP AS updated_at,
       extra::JSON AS extra,
       source
FROM users_checked
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_users_rejected AS
SELECT 'users' AS entity,
       CASE WHEN json_type(user_id) = 'VARCHAR' THEN text(user_id) || '#' || coalesce(text(version), '?') END AS record_id,
       problem.code AS reason_code, problem.reason AS reason, problem.field AS field, raw::VARCHAR AS raw, source
FROM users_checked
WHERE problem IS NOT NULL;
