-- Validate: the reusable checks. Each returns NULL when the value passes, else a problem:
-- {code: a reject reason code, field: the field, reason: what was expected and what was found}.
-- Values arrive as JSON (json_transform to "JSON" keeps the type the producer sent), so a check can tell a
-- number sent as a string from a real number. A field that is absent and a field that is null are different
-- failures (MISSING_FIELD vs NULL_REQUIRED): `present` comes from json_keys of the raw line.
-- The text of a JSON string value (->> binds loosely: always parenthesise it).
CREATE OR REPLACE TEMP MACRO text(v) AS (v->>'$');
CREATE OR REPLACE TEMP MACRO has(keys, field) AS list_contains(keys, field);
CREATE OR REPLACE TEMP MACRO problem(code, field, reason) AS {'code': code, 'field': field, 'reason': reason};
CREATE OR REPLACE TEMP MACRO shown(v) AS left(coalesce(v::VARCHAR, 'nothing'), 60);
CREATE OR REPLACE TEMP MACRO kind_of(v) AS CASE json_type(v)
  WHEN 'VARCHAR' THEN 'a string' WHEN 'BOOLEAN' THEN 'a boolean' WHEN 'ARRAY' THEN 'an array' WHEN 'OBJECT' THEN 'an object'
  ELSE 'a number' END;

CREATE OR REPLACE TEMP MACRO required(present, v, field) AS CASE
  WHEN NOT present THEN problem('MISSING_FIELD', field, 'required field "' || field || '" is missing')
  WHEN v IS NULL THEN problem('NULL_REQUIRED', field, 'required field "' || field || '" is null') END;

CREATE OR REPLACE TEMP MACRO want_string(v, field) AS CASE
  WHEN v IS NOT NULL AND (json_type(v) <> 'VARCHAR' OR (v->>'$') = '')
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a non-empty string, found ' || kind_of(v) || ' ' || shown(v)) END;

-- The generator and every upstream producer write UTC with milliseconds: 2025-08-24T13:05:09.123Z (24 characters).
CREATE OR REPLACE TEMP MACRO want_timestamp(v, field) AS CASE
  WHEN v IS NOT NULL AND (json_type(v) <> 'VARCHAR' OR length(v->>'$') <> 24 OR try_cast((v->>'$') AS TIMESTAMP) IS NULL)
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected an ISO-8601 UTC timestamp like 2025-08-24T13:05:09.123Z, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMP MACRO want_integer(v, field) AS CASE
  WHEN v IS NOT NULL AND json_type(v) NOT IN ('UBIGINT', 'BIGINT')
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a whole number, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMP MACRO want_number(v, field) AS CASE
  WHEN v IS NOT NULL AND json_type(v) NOT IN ('UBIGINT', 'BIGINT', 'DOUBLE')
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a number, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMP MACRO want_boolean(v, field) AS CASE
  WHEN v IS NOT NULL AND json_type(v) <> 'BOOLEAN'
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected true or false, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMP MACRO want_array(v, field) AS CASE
  WHEN v IS NOT NULL AND json_type(v) <> 'ARRAY'
  THEN problem('TYPE_MISMATCH', field, 'field "' || field || '": expected an array, found ' || kind_of(v) || ' ' || shown(v)) END;

CREATE OR REPLACE TEMP MACRO one_of(v, field, allowed) AS CASE
  WHEN json_type(v) = 'VARCHAR' AND NOT list_contains(allowed, (v->>'$'))
  THEN problem('INVALID_VALUE', field, 'field "' || field || '": expected one of ' || array_to_string(allowed, ', ') || ', found ' || shown(v)) END;

-- Range checks. Every check in the list is evaluated (vectorised, no short circuit), so casts are try_cast.
CREATE OR REPLACE TEMP MACRO at_least(v, field, minimum) AS CASE
  WHEN json_type(v) IN ('UBIGINT', 'BIGINT', 'DOUBLE') AND try_cast((v->>'$') AS DOUBLE) < minimum
  THEN problem('OUT_OF_RANGE', field, 'field "' || field || '": expected at least ' || minimum || ', found ' || shown(v)) END;
CREATE OR REPLACE TEMP MACRO above(v, field, minimum) AS CASE
  WHEN json_type(v) IN ('UBIGINT', 'BIGINT', 'DOUBLE') AND try_cast((v->>'$') AS DOUBLE) <= minimum
  THEN problem('OUT_OF_RANGE', field, 'field "' || field || '": expected more than ' || minimum || ', found ' || shown(v)) END;

-- An event-time field after the end of the generated window cannot be true: a producer clock is wrong.
CREATE OR REPLACE TEMP MACRO not_future(v, field, window_end) AS CASE
  WHEN json_type(v) = 'VARCHAR' AND try_cast((v->>'$') AS TIMESTAMP) >= window_end
  THEN problem('FUTURE_TIMESTAMP', field, 'field "' || field || '" is ' || (v->>'$') || ', after the end of the data window ' || strftime(window_end, '%Y-%m-%dT%H:%M:%SZ')) END;

-- The hot path (events) is written as one CASE: the first matching WHEN gives the reason, and DuckDB evaluates
-- later WHENs only for rows no earlier WHEN matched, and a THEN only for the rows it matched, so a clean row costs
-- a few comparisons. These helpers are the predicates and the problems of that CASE.
CREATE OR REPLACE TEMP MACRO absent(present, field) AS CASE WHEN present
  THEN problem('NULL_REQUIRED', field, 'required field "' || field || '" is null')
  ELSE problem('MISSING_FIELD', field, 'required field "' || field || '" is missing') END;
-- Parsing every JSON value again (json_type, ->>) costs about as much as reading the file, so the hot path reads
-- a value's JSON type from its first character ("…" string, digit or - number, [ array, { object, t/f boolean)
-- and unquotes a string without escapes by cutting its quotes; only strings with a backslash are parsed.
CREATE OR REPLACE TEMP MACRO unquote(v) AS CASE WHEN contains(v::VARCHAR, '\') THEN (v->>'$') ELSE (v::VARCHAR)[2:-2] END;
CREATE OR REPLACE TEMP MACRO is_not_string(v) AS left(v::VARCHAR, 1) <> '"' OR v::VARCHAR = '""';
-- `value` is the text's try_cast to TIMESTAMP, which the hot path makes once per timestamp (NULL: not a timestamp).
CREATE OR REPLACE TEMP MACRO is_not_timestamp(v, value) AS left(v::VARCHAR, 1) <> '"' OR length(v::VARCHAR) <> 26 OR value IS NULL;
CREATE OR REPLACE TEMP MACRO is_not_integer(v) AS NOT regexp_full_match(v::VARCHAR, '-?[0-9]+');
CREATE OR REPLACE TEMP MACRO not_a_string(v, field) AS
  problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a non-empty string, found ' || kind_of(v) || ' ' || shown(v));
CREATE OR REPLACE TEMP MACRO not_a_timestamp(v, field) AS
  problem('TYPE_MISMATCH', field, 'field "' || field || '": expected an ISO-8601 UTC timestamp like 2025-08-24T13:05:09.123Z, found ' || kind_of(v) || ' ' || shown(v));
CREATE OR REPLACE TEMP MACRO not_an_integer(v, field) AS
  problem('TYPE_MISMATCH', field, 'field "' || field || '": expected a whole number, found ' || kind_of(v) || ' ' || shown(v));
CREATE OR REPLACE TEMP MACRO not_one_of(v, field, allowed) AS
  problem('INVALID_VALUE', field, 'field "' || field || '": expected one of ' || array_to_string(allowed, ', ') || ', found ' || shown(v));

-- The first failing check decides the reason code (checks are listed from structural to semantic).
CREATE OR REPLACE TEMP MACRO first_problem(problems) AS list_filter(problems, p -> p IS NOT NULL)[1];

-- Unknown fields (schema drift from a newer producer) are kept as a JSON object in the `extra` column.
CREATE OR REPLACE TEMP MACRO extra_fields(raw, keys, known) AS CASE
  WHEN len(list_filter(keys, k -> NOT list_contains(known, k))) > 0
  THEN to_json(map_from_entries(list_transform(list_filter(keys, k -> NOT list_contains(known, k)), k -> {'k': k, 'v': json_extract(raw, '$."' || k || '"')}))) END;

