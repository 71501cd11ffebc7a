import { describe, expect, it } from 'vitest';
import { prepareCheckSql } from '@/lib/incidents/check-sql';
import { parseGradeRequest, parseStartRequest } from '@/lib/incidents/round-request';

describe('incident round requests', () => {
  it('starts a surprise round or a named one, and names what is wrong otherwise', () => {
    expect(parseStartRequest({})).toEqual({ ok: true, value: {} });
    expect(parseStartRequest({ incident: 'timezone_bug' })).toEqual({
      ok: true,
      value: { incident: 'timezone_bug' },
    });
    expect(parseStartRequest({ incident: 'meteor' })).toMatchObject({
      ok: false,
      fieldErrors: { incident: expect.stringMatching(/^incident must be one of: replay_duplicates, /) },
    });
    expect(parseStartRequest({ seed: 3 })).toEqual({
      ok: false,
      fieldErrors: { form: 'Unknown field: seed.' },
    });
    expect(parseStartRequest([])).toEqual({
      ok: false,
      fieldErrors: { form: 'The body must be a JSON object.' },
    });
  });

  it('needs a check and a root cause from the list', () => {
    expect(parseGradeRequest({ check: 'SELECT 1', rootCause: 'skewed_key' })).toEqual({
      ok: true,
      value: { check: 'SELECT 1', rootCause: 'skewed_key' },
    });
    expect(parseGradeRequest({ check: ' ', rootCause: 'nope' })).toEqual({
      ok: false,
      fieldErrors: {
        check: 'check must be the SQL of your data-quality check (a SELECT returning record ids).',
        rootCause: expect.stringMatching(/^rootCause must be one of: /),
      },
    });
    expect(parseGradeRequest({ check: 'x'.repeat(8001), rootCause: 'skewed_key' })).toMatchObject({
      ok: false,
      fieldErrors: { check: 'check is 8001 characters; at most 8000.' },
    });
    expect(parseGradeRequest({ check: 'SELECT 1' })).toMatchObject({
      fieldErrors: { rootCause: expect.stringMatching(/^Name the root cause/) },
    });
  });
});

describe('the first gate on a check', () => {
  it('keeps one SELECT or WITH query, without comments or a trailing semicolon', () => {
    expect(prepareCheckSql('-- late ones\nSELECT event_id FROM fact_events; ')).toEqual({
      ok: true,
      sql: 'SELECT event_id FROM fact_events',
    });
    expect(prepareCheckSql("WITH a AS (SELECT '--;' AS x) SELECT x FROM a")).toEqual({
      ok: true,
      sql: "WITH a AS (SELECT '--;' AS x) SELECT x FROM a",
    });
  });

  it('refuses other statements, two statements and empty text, saying which', () => {
    expect(prepareCheckSql('DROP TABLE fact_events')).toEqual({
      ok: false,
      message: 'A check is one SELECT (or WITH … SELECT) query; this one starts with "DROP".',
    });
    expect(prepareCheckSql('SELECT 1; COPY fact_events TO x')).toEqual({
      ok: false,
      message: 'A check is one query: remove the semicolon between statements.',
    });
    expect(prepareCheckSql('/* nothing */')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Write a query/),
    });
    expect(prepareCheckSql(42)).toEqual({ ok: false, message: 'The check must be SQL text.' });
  });
});
