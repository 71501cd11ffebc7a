-- Validate (Spark): the reusable checks, as SQL functions, the same rules as pipeline/stages/validate/checks.sql.
-- Each returns NULL when the value passes, else a problem: {code: a reject reason code, field, reason}.
-- Raw lines are parsed with parse_json into Spark 4's VARIANT, which keeps the type the producer sent (a number sent
-- as a string stays a string; schema_of_variant names it). In a VARIANT a JSON null is a value, not SQL NULL, so
-- `field(...)` turns it into NULL: as in the DuckDB engine, NULL then means "null", and `present` says whether the
-- key was in the line at all (MISSING_FIELD vs NULL_REQUIRED).
CREATE OR REPLACE TEMPORARY FUNCTION field(v VARIANT) RETURNS VARIANT RETURN CASE WHEN is_variant_null(v) THEN NULL ELSE v END;
-- The text of a value: a string without its quotes, a number or boolean as written.
CREATE OR REPLACE TEMPORARY FUNCTION text(v VARIANT) RETURNS STRING RETURN variant_get(v, '$', 'string');
CREATE OR REPLACE TEMPORARY FUNCTION json_kind(v VARIANT) RETURNS STRING RETURN schema_of_variant(v);
CREATE OR REPLACE TEMPORARY FUNCTION is_string(v VARIANT) RETURNS BOOLEAN RETURN schema_of_variant(v) = 'STRING';
CREATE OR REPLACE TEMPORARY FUNCTION is_integer(v VARIANT) RETURNS BOOLEAN RETURN schema_of_variant(v) IN ('BIGINT', 'INT', 'SMALLINT', 'TINYINT');
CREATE OR REPLACE TEMPORARY FUNCTION is_number(v VARIANT) RETURNS BOOLEAN
  RETURN schema_of_variant(v) IN ('BIGINT', 'INT', 'SMALLINT', 'TINYINT', 'DOUBLE', 'FLOAT') OR schema_of_variant(v) LIKE 'DECIMAL%';
CREATE OR REPLACE TEMPORARY FUNCTION problem(code STRING, field STRING, reason STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING>
  RETURN named_struct('code', code, 'field', field, 'reason', reason);
CREATE OR REPLACE TEMPORARY FUNCTION shown(v VARIANT) RETURNS STRING RETURN left(coalesce(to_json(v), 'nothing'), 60);
CREATE OR REPLACE TEMPORARY FUNCTION kind_of(v VARIANT) RETURNS STRING RETURN CASE
  WHEN schema_of_variant(v) = 'STRING' THEN 'a string' WHEN schema_of_variant(v) = 'BOOLEAN' THEN 'a boolean'
  WHEN schema_of_variant(v) LIKE 'ARRAY%' THEN 'an array' WHEN schema_of_variant(v) LIKE 'OBJECT%' THEN 'an object'
  ELSE 'a number' END;

CREATE OR REPLACE TEMPORARY FUNCTION required(present BOOLEAN, v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN NOT present THEN problem('MISSING_FIELD', field, 'required field "' || field || '" is missing')
  WHEN v IS NULL THEN problem('NULL_REQUIRED', field, 'required field "' || field || '" is null') END;

CREATE OR REPLACE TEMPORARY FUNCTION want_string(v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN v IS NOT NULL AND (NOT is_string(v) OR text(v) = '')
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a non-empty string, found ' || kind_of(v) || ' ' || shown(v)) END;

-- The generator and every upstream producer write UTC with milliseconds: 2025-08-24T13:05:09.123Z (24 characters).
CREATE OR REPLACE TEMPORARY FUNCTION want_timestamp(v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN v IS NOT NULL AND (NOT is_string(v) OR length(text(v)) <> 24 OR try_cast(text(v) AS TIMESTAMP) IS NULL)
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected an ISO-8601 UTC timestamp like 2025-08-24T13:05:09.123Z, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMPORARY FUNCTION want_integer(v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN v IS NOT NULL AND NOT is_integer(v)
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a whole number, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMPORARY FUNCTION want_number(v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN v IS NOT NULL AND NOT is_number(v)
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a number, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMPORARY FUNCTION want_boolean(v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN v IS NOT NULL AND schema_of_variant(v) <> 'BOOLEAN'
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected true or false, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMPORARY FUNCTION want_array(v VARIANT, field STRING) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN v IS NOT NULL AND schema_of_variant(v) NOT LIKE 'ARRAY%'
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected an array, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMPORARY FUNCTION one_of(v VARIANT, field STRING, allowed ARRAY<STRING>) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN is_string(v) AND NOT array_contains(allowed, text(v))
  THEN problem('INVALID_VALUE', field, 'field "' || field || '": expected one of ' || array_join(allowed, ', ') || ', found ' || shown(v)) END;

CREATE OR REPLACE TEMPORARY FUNCTION at_least(v VARIANT, field STRING, minimum INT) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN is_number(v) AND try_cast(text(v) AS DOUBLE) < minimum
  THEN problem('OUT_OF_RANGE', field, 'field "' || field || '": expected at least ' || minimum || ', found ' || shown(v)) END;
CREATE OR REPLACE TEMPORARY FUNCTION above(v VARIANT, field STRING, minimum INT) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN is_number(v) AND try_cast(text(v) AS DOUBLE) <= minimum
  THEN problem('OUT_OF_RANGE', field, 'field "' || field || '": expected more than ' || minimum || ', found ' || shown(v)) END;

-- An event-time field after the end of the generated window cannot be true: a producer clock is wrong.
CREATE OR REPLACE TEMPORARY FUNCTION not_future(v VARIANT, field STRING, window_end TIMESTAMP_NTZ) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING> RETURN CASE
  WHEN is_string(v) AND try_cast(text(v) AS TIMESTAMP) >= window_end
  THEN problem('FUTURE_TIMESTAMP', field, 'field "' || field || '" is ' || text(v) || ', after the end of the data window ' || date_format(window_end, "yyyy-MM-dd'T'HH:mm:ss'Z'")) END;

-- The first failing check decides the reason code (checks are listed from structural to semantic).
CREATE OR REPLACE TEMPORARY FUNCTION first_problem(problems ARRAY<STRUCT<code: STRING, field: STRING, reason: STRING>>) RETURNS STRUCT<code: STRING, field: STRING, reason: STRING>
  RETURN try_element_at(filter(problems, p -> p IS NOT NULL), 1);

-- Unknown fields (schema drift from a newer producer) are kept as a JSON object in `extra`, in the order of the line.
CREATE OR REPLACE TEMPORARY FUNCTION extra_fields(j VARIANT, keys ARRAY<STRING>, known ARRAY<STRING>) RETURNS STRING RETURN CASE
  WHEN size(filter(keys, k -> NOT array_contains(known, k))) > 0
  THEN '{' || array_join(transform(filter(keys, k -> NOT array_contains(known, k)),
                                   k -> '"' || k || '":' || to_json(element_at(variant_get(j, '$', 'map<string,variant>'), k))), ',') || '}' END;

CREATE OR REPLACE TEMPORARY FUNCTION epoch_ms(t TIMESTAMP_NTZ) RETURNS BIGINT RETURN unix_millis(CAST(t AS TIMESTAMP_LTZ));
