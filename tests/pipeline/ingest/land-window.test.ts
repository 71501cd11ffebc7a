import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../pipeline/core/clock';
import { JsonFieldSpans } from '../../../pipeline/core/json-field';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../../../pipeline/services/shared/local-object-store';
import { landWindow } from '../../../pipeline/stages/ingest/land-window';
import { WindowBuffer } from '../../../pipeline/stages/ingest/window-buffer';

describe('landWindow', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'land-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** The log (with the dead-letter topic landWindow writes to) and the lake of a scratch run. */
  const openLogAndLake = async () => {
    const log = new EmbeddedEventLog({ root: join(dir, 'log'), clock: fixedClock(0) });
    await log.createTopic({ name: 'dead-letter', partitions: 1 });
    return { log, lake: new LocalObjectStore(join(dir, 'lake')) };
  };

  it('groups a window by event date in offset order, names files by offsets, and quarantines what it cannot place', async () => {
    const { log, lake } = await openLogAndLake();
    const lines = [
      '{"event_id":"a","event_ts":"2025-08-24T10:00:00Z"}',
      '{"event_id":"b","event_ts":"2025-08-24T23:59:59Z"}',
      '{"event_id":"c","event_ts":"2025-08-25T00:00:01Z"}',
      'not json at all',
      '{"event_id":"d","event_ts":"2025-08-24T23:58:00Z"}', // late: back to the first day, after a reject
      '{"event_id":"e"}',
      '{"event_id":"f","event_ts":"2025-08-25T08:00:00Z"}',
    ];
    const window = new WindowBuffer();
    lines.forEach((line, index) => window.push(100 + index, Buffer.from(line)));

    const landed = await landWindow({
      lake,
      log,
      entity: 'events',
      topic: 'events',
      partition: 3,
      records: window,
      timeField: new JsonFieldSpans([['event_ts']]),
    });

    expect(landed.raw).toBe(5);
    expect(landed.deadLettered).toBe(2);
    expect(landed.reasons).toEqual({ MALFORMED: 1, MISSING_FIELD: 1 });
    expect(landed.files).toEqual([
      'raw/events/event_date=2025-08-24/part-3-100-104.ndjson',
      'raw/events/event_date=2025-08-25/part-3-102-106.ndjson',
      'quarantine/events/ingest/part-3-103-105.ndjson',
    ]);
    const read = (key: string) => readFileSync(lake.localPath(key), 'utf8');
    expect(read(landed.files[0]!)).toBe(`${lines[0]}\n${lines[1]}\n${lines[4]}\n`);
    expect(read(landed.files[1]!)).toBe(`${lines[2]}\n${lines[6]}\n`);
    const quarantined = read(landed.files[2]!)
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { reason_code: string; raw: string; source: { offset: number } });
    expect(quarantined.map((entry) => [entry.reason_code, entry.raw, entry.source.offset])).toEqual([
      ['MALFORMED', lines[3], 103],
      ['MISSING_FIELD', lines[5], 105],
    ]);

    // The dead letters are copies: reusing the window's memory afterwards does not change them.
    window.clear();
    window.push(0, Buffer.from('x'.repeat(200)));
    const consumer = await log.consumer({ groupId: 'check', topics: ['dead-letter'] });
    const dead = await consumer.poll({ maxRecords: 10 });
    expect(dead.map((record) => [record.value.toString(), record.headers.reason_code, record.key])).toEqual([
      [lines[3], 'MALFORMED', 'events-3-103'],
      [lines[5], 'MISSING_FIELD', 'events-3-105'],
    ]);
    await log.close();
  });

  it('places a run of one date by its bytes and still checks every time that differs, dimensions into the snapshot day', async () => {
    const { log, lake } = await openLogAndLake();
    const lines = [
      '{"user_id":"a","updated_at":"2025-08-26T10:00:00.000Z"}',
      '{"user_id":"b","updated_at":"2025-08-26"}', // the same date and nothing more: still that date
      '{"user_id":"c","updated_at":"2025-08"}', // shorter than a date
      '{"user_id":"d","updated_at":"2025-08-2xT10:00:00.000Z"}', // not a date, one character off the one before
      '{"user_id":"e","updated_at":"2019-03-01T00:00:00.000Z"}', // before the run: the initial snapshot
      '{"user_id":"f","updated_at":"2019-03-01T00:00:01.000Z"}',
    ];
    const window = new WindowBuffer();
    lines.forEach((line, index) => window.push(index, Buffer.from(line)));
    const landed = await landWindow({
      lake,
      log,
      entity: 'users',
      topic: 'users',
      partition: 0,
      records: window,
      timeField: new JsonFieldSpans([['updated_at']]),
      snapshotDate: '2025-08-24',
    });
    expect(landed.files).toEqual([
      'raw/users/event_date=2025-08-24/part-0-4-5.ndjson',
      'raw/users/event_date=2025-08-26/part-0-0-1.ndjson',
      'quarantine/users/ingest/part-0-2-3.ndjson',
    ]);
    // Ingest owns these rejects, so it gives the reason validate would: the field is there, in the wrong form.
    expect(landed.reasons).toEqual({ TYPE_MISMATCH: 2 });
    await log.close();
  });
});
