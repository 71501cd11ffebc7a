import {
  appendFileSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../pipeline/core/clock';
import { PipelineError } from '../../../pipeline/contracts/errors';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { legacyRecordFrame } from './legacy-record';

const clock = fixedClock(1_700_000_000_000);

function segmentFiles(root: string, topic: string, partition: number): string[] {
  const dir = join(root, topic, `partition-${partition}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .sort()
    .map((name) => join(dir, name));
}

describe('embedded event log on disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'event-log-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('survives a restart: records, offsets and committed positions come back', async () => {
    const first = new EmbeddedEventLog({ root, clock });
    await first.createTopic({ name: 'events', partitions: 2 });
    await first.produce(
      'events',
      Array.from({ length: 500 }, (_, index) => ({ key: `u${index}`, value: `v${index}` })),
    );
    const consumer = await first.consumer({ groupId: 'g', topics: ['events'] });
    await consumer.commit([{ topic: 'events', partition: 0, offset: 10 }]);
    const before = await first.offsets('events');
    await first.close();

    const reopened = new EmbeddedEventLog({ root, clock });
    expect(await reopened.listTopics()).toEqual([{ name: 'events', partitions: 2 }]);
    expect(await reopened.offsets('events')).toEqual(before);
    expect((await reopened.lag('g', 'events'))[0]!.committedOffset).toBe(10);
    const produced = await reopened.produce('events', [{ key: 'u0', value: 'after restart' }]);
    const partition = produced.partitions[0]!;
    expect(partition.firstOffset).toBe(before[partition.partition]!.endOffset);
    await reopened.close();
  });

  it('cuts off a torn write at the end of the active segment on restart', async () => {
    const log = new EmbeddedEventLog({ root, clock });
    await log.createTopic({ name: 't', partitions: 1 });
    await log.produce(
      't',
      Array.from({ length: 10 }, (_, index) => ({ key: 'k', value: `v${index}` })),
    );
    await log.close();
    const [segment] = segmentFiles(root, 't', 0);
    const goodSize = statSync(segment!).size;
    appendFileSync(segment!, Buffer.from([200, 0, 0, 0, 1, 2, 3])); // a record header whose body never arrived

    const reopened = new EmbeddedEventLog({ root, clock });
    expect(statSync(segment!).size).toBe(goodSize);
    expect((await reopened.offsets('t'))[0]!.endOffset).toBe(10);
    await reopened.produce('t', [{ key: 'k', value: 'v10' }]);
    const consumer = await reopened.consumer({ groupId: 'g', topics: ['t'] });
    const values = (await consumer.poll({ maxRecords: 100 })).map((record) => record.value.toString());
    expect(values).toEqual(Array.from({ length: 11 }, (_, index) => `v${index}`));
    await reopened.close();
  });

  it('a corrupt segment fails loudly for its own offsets and never takes the rest of the topic with it', async () => {
    const log = new EmbeddedEventLog({ root, clock, segmentBytes: 1_500 });
    await log.createTopic({ name: 't', partitions: 2 });
    for (let batch = 0; batch < 20; batch++) {
      await log.produce('t', [
        { key: 'foobar', value: `p0-${batch}`.padEnd(200, '.') }, // partition 0 of 2
        { key: 'abc', value: `p1-${batch}`.padEnd(200, '.') }, // partition 1 of 2
      ]);
    }
    const segments = segmentFiles(root, 't', 0);
    expect(segments.length).toBeGreaterThan(2);
    const damaged = segments[1]!;
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.from('garbage!'), 0, 8, 40);
    closeSync(fd);

    const consumer = await log.consumer({ groupId: 'g', topics: ['t'] });
    await consumer.seek('t', 0, 'earliest');
    const error = await (async () => {
      for (let attempt = 0; attempt < 50; attempt++) await consumer.poll({ maxRecords: 5 });
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('CORRUPT_DATA');
    expect((error as PipelineError).message).toContain(damaged);

    const other = await log.consumer({ groupId: 'other', topics: ['t'] });
    await other.seek('t', 0, segments.length > 2 ? Number(segments[2]!.split('/').pop()!.slice(0, 20)) : 0);
    const readable = [];
    for (let attempt = 0; attempt < 20; attempt++)
      readable.push(...(await other.poll({ maxRecords: 1_000 })));
    expect(readable.filter((record) => record.partition === 1)).toHaveLength(20);
    expect(readable.some((record) => record.partition === 0)).toBe(true);
    await log.close();
  });

  it('a segment damaged while the log was down: the log reopens, the damage fails loudly, everything else reads', async () => {
    const first = new EmbeddedEventLog({ root, clock, segmentBytes: 1_500 });
    await first.createTopic({ name: 't', partitions: 2 });
    for (let batch = 0; batch < 20; batch++) {
      await first.produce('t', [
        { key: 'foobar', value: `p0-${batch}`.padEnd(200, '.') }, // partition 0 of 2
        { key: 'abc', value: `p1-${batch}`.padEnd(200, '.') }, // partition 1 of 2
      ]);
    }
    const before = await first.offsets('t');
    await first.close();
    const segments = segmentFiles(root, 't', 0);
    expect(segments.length).toBeGreaterThan(3);
    const baseOf = (file: string) => Number(file.split('/').pop()!.slice(0, 20));
    const flipped = segments[1]!;
    const fd = openSync(flipped, 'r+');
    writeSync(fd, Buffer.from('garbage!'), 0, 8, 40); // checksum mismatch inside the first record
    closeSync(fd);
    const overlong = segments[2]!;
    const lengthFd = openSync(overlong, 'r+');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(100_000);
    writeSync(lengthFd, length, 0, 4, 0); // a record length that runs past the end of the segment
    closeSync(lengthFd);

    const reopened = new EmbeddedEventLog({ root, clock, segmentBytes: 1_500 });
    expect(await reopened.offsets('t')).toEqual(before);
    const readFrom = async (offset: number, group: string) => {
      const consumer = await reopened.consumer({ groupId: group, topics: ['t'] });
      await consumer.seek('t', 0, offset);
      const records = [];
      for (let attempt = 0; attempt < 20; attempt++)
        records.push(...(await consumer.poll({ maxRecords: 1_000 })));
      await consumer.close();
      return records;
    };
    for (const [damaged, group] of [
      [flipped, 'flipped'],
      [overlong, 'overlong'],
    ] as const) {
      const error = await readFrom(baseOf(damaged), group).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PipelineError);
      expect((error as PipelineError).code).toBe('CORRUPT_DATA');
      expect((error as PipelineError).message).toContain(damaged);
    }
    const after = await readFrom(baseOf(segments[3]!), 'after');
    expect(after.filter((record) => record.partition === 1)).toHaveLength(20);
    expect(after.filter((record) => record.partition === 0).map((record) => record.offset)[0]).toBe(
      baseOf(segments[3]!),
    );
    expect(after.filter((record) => record.partition === 0).at(-1)!.offset).toBe(before[0]!.endOffset - 1);
    await reopened.close();
  });

  it('retention deletes whole old segments and moves the log start forward', async () => {
    const log = new EmbeddedEventLog({ root, clock, segmentBytes: 2_048 });
    await log.createTopic({ name: 'r', partitions: 1, retentionBytes: 4_096 });
    for (let batch = 0; batch < 40; batch++) await log.produce('r', [{ key: 'k', value: 'x'.repeat(200) }]);
    const [offsets] = await log.offsets('r');
    expect(offsets!.endOffset).toBe(40);
    expect(offsets!.startOffset).toBeGreaterThan(0);
    const totalBytes = segmentFiles(root, 'r', 0).reduce((sum, file) => sum + statSync(file).size, 0);
    expect(totalBytes).toBeLessThan(4_096 + 2_048);
    const consumer = await log.consumer({ groupId: 'late', topics: ['r'] });
    const first = await consumer.poll({ maxRecords: 1 });
    expect(first[0]!.offset).toBe(offsets!.startOffset);
    await log.close();
  });

  it('a topic written in an older on-disk format is kept as it is and fails loudly, never emptied as a torn tail', async () => {
    const log = new EmbeddedEventLog({ root, clock });
    await log.createTopic({ name: 'old', partitions: 1 });
    await log.close();
    const [segment] = segmentFiles(root, 'old', 0);
    appendFileSync(segment!, legacyRecordFrame());
    const size = statSync(segment!).size;

    const reopened = new EmbeddedEventLog({ root, clock });
    expect(statSync(segment!).size).toBe(size);
    const consumer = await reopened.consumer({ groupId: 'g', topics: ['old'] });
    const error = await consumer.poll({ maxRecords: 10 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CORRUPT_DATA' });
    expect((error as Error).message).toMatch(/older version.*re-run the produce stage/);
    // Its end is unknown, so nothing is appended after it (that would reuse offsets already in it).
    await expect(reopened.produce('old', [{ key: 'k', value: 'x' }])).rejects.toMatchObject({
      code: 'CORRUPT_DATA',
    });
    expect(statSync(segment!).size).toBe(size);
    // Re-running the produce stage re-creates the topic: that works, and the new topic reads.
    await reopened.deleteTopic('old');
    await reopened.createTopic({ name: 'old', partitions: 1 });
    await reopened.produce('old', [{ key: 'k', value: 'new' }]);
    const fresh = await reopened.consumer({ groupId: 'g2', topics: ['old'] });
    expect((await fresh.poll({ maxRecords: 10 })).map((record) => record.value.toString())).toEqual(['new']);
    await reopened.close();
  });

  it('retention by age removes segments older than retentionMs', async () => {
    const ageClock = fixedClock(1_000_000);
    const log = new EmbeddedEventLog({ root, clock: ageClock, segmentBytes: 1_024 });
    await log.createTopic({ name: 'aged', partitions: 1, retentionMs: 60_000 });
    for (let batch = 0; batch < 10; batch++)
      await log.produce('aged', [{ key: 'k', value: 'y'.repeat(300) }]);
    ageClock.advance(120_000);
    await log.produce('aged', [{ key: 'k', value: 'fresh' }]);
    // Every closed segment held only old records: all are gone, only the active one (with 'fresh') is left.
    const [offsets] = await log.offsets('aged');
    const left = segmentFiles(root, 'aged', 0);
    expect(left).toHaveLength(1);
    expect(offsets!.startOffset).toBe(Number(left[0]!.split('/').pop()!.slice(0, 20)));
    expect(offsets!.startOffset).toBeGreaterThan(5);
    expect(offsets!.endOffset).toBe(11);
    await log.close();
  });
});
