import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isPipelineError } from '@/pipeline/contracts/errors';
import { runSparkCell, type CellLake, type SparkCellAnswer } from '@/pipeline/engines/spark/spark-cells';
import { suiteRuns } from './suite-runs';

/**
 * The Spark lessons' cells on real Spark, over the curated tables of the suite's Spark run (30,000 events): checked
 * queries, the fixed experiments with measured figures, one cell at a time, the time limit, and the route.
 */
let lake: CellLake;

beforeAll(async () => {
  const { sparkDir } = await suiteRuns();
  lake = { curatedDir: join(sparkDir, 'lake', 'curated'), label: 'the suite run' };
}, 45 * 60_000);

const variant = (answer: SparkCellAnswer, name: RegExp) => {
  const found = answer.variants.find((item) => name.test(item.name));
  if (!found) throw new Error(`no variant ${name} in ${answer.variants.map((item) => item.name).join(', ')}`);
  return found;
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error & { code?: string },
  );

describe('Spark SQL cells', () => {
  it("runs a query over the run's tables with its plan, rows and shuffle", async () => {
    const answer = await runSparkCell(
      {
        sql: 'SELECT event_type, count(*) AS events FROM fact_events GROUP BY event_type ORDER BY events DESC',
      },
      lake,
    );
    expect(answer.rows.map((row) => row.event_type)).toContain('page_view');
    expect(answer.plan).toMatch(/HashAggregate[\s\S]*Exchange/);
    expect(answer.figures?.shuffleWriteBytes).toBeGreaterThan(0);
    expect(answer.explainOnly).toBe(false);
  });

  it('keeps to the row limit and answers EXPLAIN with the plan only', async () => {
    const limited = await runSparkCell({ sql: 'SELECT event_id FROM fact_events', maxRows: 5 }, lake);
    expect(limited.rows).toHaveLength(5);
    expect(limited.truncated).toBe(true);
    const explained = await runSparkCell({ sql: 'EXPLAIN SELECT count(*) FROM fact_events' }, lake);
    expect(explained.explainOnly).toBe(true);
    expect(explained.rows).toEqual([]);
    expect(explained.plan).toContain('== Physical Plan ==');
  });

  it.each([
    ['DROP TABLE fact_events', /start with SELECT, WITH or EXPLAIN/],
    ['SELECT * FROM parquet.`/etc`', /not files/],
    ['SELECT 1; SELECT 2', /One statement per cell/],
    ["SELECT java_method('java.lang.System', 'exit', 1)", /may not call java_method\(\)/],
  ])('refuses %j with a clear message', async (sql, message) => {
    const error = await failure(runSparkCell({ sql }, lake));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(message);
  });

  it("refuses in the driver too: Spark's parser must read one query, and the session reads no file by path", async () => {
    const error = await failure(runSparkCell({ sql: 'SELECT * FROM `parquet`.`etc`' }, lake));
    expect(error.message).toMatch(/TABLE_OR_VIEW_NOT_FOUND/);
  });

  it("answers bad SQL with Spark's one-line error", async () => {
    const error = await failure(runSparkCell({ sql: 'SELECT no_such_column FROM fact_events' }, lake));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/^Spark failed in the cell: \[UNRESOLVED_COLUMN/);
    expect(error.message).not.toContain('\n');
  });

  it('cancels a cell past its time limit, and the session goes on', async () => {
    const error = await failure(
      runSparkCell({ sql: 'SELECT count(*) FROM range(0, 100000000000)' }, lake, {
        limits: { sqlTimeoutMs: 2_000 },
      }),
    );
    expect(isPipelineError(error) && error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/time limit of 2 s, so its Spark jobs were cancelled/);
    const after = await runSparkCell({ sql: 'SELECT count(*) AS n FROM dim_date' }, lake);
    expect(Number(after.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('runs one cell at a time: a second is refused while the first runs', async () => {
    const first = runSparkCell({ sql: 'SELECT count(DISTINCT user_id) FROM fact_events' }, lake);
    const second = await failure(runSparkCell({ sql: 'SELECT 1' }, lake));
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toMatch(/one at a time/);
    await first;
  });
});

describe('Spark experiments', () => {
  it('DataFrame: one event type per day with its plan', async () => {
    const answer = await runSparkCell({ experiment: 'dataframe', params: { eventType: 'purchase' } }, lake);
    expect(answer.columns.map((column) => column.name)).toEqual(['day', 'events', 'users']);
    expect(answer.rows.length).toBeGreaterThan(1);
    expect(answer.variants[0]?.plan).toMatch(/Filter[\s\S]*HashAggregate/);
  });

  it('RDD: groupByKey shuffles more bytes than reduceByKey for the same counts', async () => {
    const answer = await runSparkCell(
      { experiment: 'rdd-reduce-vs-group', params: { key: 'event_type' } },
      lake,
    );
    const [reduce, group] = [variant(answer, /^reduceByKey/), variant(answer, /^groupByKey/)];
    expect(reduce.answer).toBe(group.answer);
    expect(reduce.figures.shuffleWriteBytes).toBeGreaterThan(0);
    expect(group.figures.shuffleWriteBytes).toBeGreaterThan(10 * reduce.figures.shuffleWriteBytes);
    expect(reduce.plan).toContain('ShuffledRDD');
  });

  it('broadcast join: a BroadcastHashJoin with no shuffle of either side, against a sort-merge join', async () => {
    const answer = await runSparkCell({ experiment: 'broadcast-join' }, lake);
    const [hinted, shuffled] = [variant(answer, /^broadcast/), variant(answer, /Threshold=-1/)];
    expect(hinted.plan).toContain('BroadcastHashJoin');
    expect(hinted.plan).toContain('BroadcastExchange');
    expect(hinted.plan).not.toContain('SortMergeJoin');
    expect(shuffled.plan).toContain('SortMergeJoin');
    // Only the aggregate after the join shuffles with the hint; without it both join inputs do too.
    const exchanges = (plan: string) => plan.match(/^\(\d+\) Exchange\s*$/gm)?.length ?? 0;
    expect(exchanges(hinted.plan)).toBeGreaterThan(0);
    expect(exchanges(hinted.plan)).toBeLessThan(exchanges(shuffled.plan));
    expect(hinted.figures.shuffleWriteBytes).toBeLessThan(shuffled.figures.shuffleWriteBytes);
    expect(hinted.answer).toBe(shuffled.answer);
  });

  it("skew: AQE's skew join splits the hot partition, so the largest task reads less", async () => {
    const answer = await runSparkCell({ experiment: 'skew-aqe', params: { hotPercent: 70 } }, lake);
    const [off, on] = [variant(answer, /AQE off/), variant(answer, /AQE on/)];
    expect(on.answer).toBe(off.answer);
    expect(on.plan).toMatch(/skew=true|isSkewJoin=true/);
    expect(on.figures.maxTaskShuffleReadBytes).toBeLessThan(off.figures.maxTaskShuffleReadBytes ?? 0);
  });

  it('partitioning: repartition shuffles every row, coalesce none', async () => {
    const answer = await runSparkCell({ experiment: 'partitioning', params: { partitions: 4 } }, lake);
    const [repartition, coalesce] = [variant(answer, /^repartition/), variant(answer, /^coalesce/)];
    expect(repartition.figures.shuffleReadBytes).toBeGreaterThan(0);
    expect(coalesce.figures.shuffleReadBytes).toBe(0);
    expect(repartition.answer).toMatch(/^4 partitions/);
    expect(coalesce.answer).toMatch(/^4 partitions/);
    expect(coalesce.plan).toContain('Coalesce');
  });

  it('refuses an unknown experiment and a parameter out of bounds', async () => {
    expect((await failure(runSparkCell({ experiment: 'rm-rf' }, lake))).message).toMatch(
      /Unknown experiment/,
    );
    const error = await failure(
      runSparkCell({ experiment: 'partitioning', params: { partitions: 1000 } }, lake),
    );
    expect(error.message).toBe('partitions must be a whole number from 1 to 64.');
  });
});

describe('POST /api/spark/cells', () => {
  it("runs a cell on the newest run's lake, and refuses a body that is not a cell", async () => {
    process.env.PIPELINE_LAB_RUNS_DIR = inject('sparkSuiteRoot');
    const { POST } = await import('@/app/api/spark/cells/route');
    const post = (body: unknown) =>
      POST(
        new Request('http://127.0.0.1/api/spark/cells', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const ok = await post({ sql: 'SELECT count(*) AS n FROM fact_events' });
    expect(ok.status).toBe(200);
    const answer = (await ok.json()) as SparkCellAnswer & { source: string };
    expect(Number(answer.rows[0]?.n)).toBeGreaterThan(20_000);
    expect(answer.source).toMatch(/^your run /);
    expect((await post({ sql: 'INSERT INTO t SELECT 1' })).status).toBe(400);
    expect((await post({ sql: 'SELECT 1', path: '/etc' })).status).toBe(400);
  });
});
