import { describe, expect, it } from 'vitest';
import { checkCellSql } from './cell-sql';

describe('checkCellSql: what a Spark lesson cell may run', () => {
  it.each([
    ['SELECT event_type, count(*) FROM fact_events GROUP BY event_type', false],
    ['  with t AS (SELECT 1 AS x) SELECT x FROM t;  ', false],
    ['SELECT \'a;b\', "drop" AS s, `set` FROM fact_events -- insert; here\n', false],
    ['SELECT /*+ BROADCAST(p) */ * FROM fact_events e JOIN dim_product p USING (product_id)', false],
    ["SELECT replace(r'C:\\', 'C', 'D')", false],
  ])('accepts a query: %s', (sql, explainOnly) => {
    expect(checkCellSql(sql).explainOnly).toBe(explainOnly);
  });

  it('takes EXPLAIN [mode] as "plan only" and strips it and a trailing semicolon', () => {
    expect(checkCellSql('EXPLAIN FORMATTED SELECT * FROM fact_events;')).toEqual({
      sql: 'SELECT * FROM fact_events',
      explainOnly: true,
    });
    expect(checkCellSql('explain select 1').sql).toBe('select 1');
  });

  it.each([
    ['', /empty/],
    ['SELECT 1; SELECT 2', /One statement per cell/],
    ['SELECT 1;; ', /One statement per cell/],
    ['DROP TABLE fact_events', /start with SELECT, WITH or EXPLAIN, not "DROP"/],
    ['SET spark.sql.shuffle.partitions=1', /not "SET"/],
    ['ADD JAR /tmp/x.jar', /not "ADD"/],
    ['WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a', /"INSERT" belongs to a statement/],
    ['EXPLAIN CREATE TABLE t AS SELECT 1', /not "CREATE"/],
    ['SELECT * FROM parquet.`/etc/passwd`', /not files \(parquet\.`path`\)/],
    ['SELECT * FROM `/etc/passwd`', /not files by path/],
    ['SELECT * FROM text . `x`', /not files \(text\.`path`\)/],
    ['SELECT * FROM json.data', /not files \(json\.`path`\)/],
    ["SELECT reflect('java.lang.System', 'exit', 0)", /may not call reflect\(\)/],
    ["SELECT XPATH_STRING('<a/>', 'a')", /may not call xpath_string\(\)/],
    ["SELECT 'open", /not closed/],
    ["SELECT r'\\'; DROP TABLE x", /One statement per cell/],
    ['SELECT 1 /* open', /comment is not closed/],
  ])('refuses %j', (sql, message) => {
    expect(() => checkCellSql(sql)).toThrow(message);
  });

  it('refuses a text longer than the limit', () => {
    expect(() => checkCellSql(`SELECT ${'1 + '.repeat(3_000)}1`)).toThrow(/at most 8,000 characters/);
  });
});
