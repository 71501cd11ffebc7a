import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderProgressLine, createProgressBar } from '@/pipeline/cli/progress';
import { fixedClock } from '@/pipeline/core/clock';
import { createLogger } from '@/pipeline/core/logger';
import { createRandom } from '@/pipeline/core/random';
import { entities, recordSchemaByEntity } from '@/pipeline/contracts/records';
import { createAliasTable } from '@/pipeline/stages/generate/alias-table';
import { driftRenames } from '@/pipeline/stages/generate/drift-renames';
import { createIdFactory, eventIdInto, eventIdText, sessionIdText } from '@/pipeline/stages/generate/ids';
import { csvCells, csvHeader } from '@/pipeline/stages/generate/record-format';
import { formatIso } from '@/pipeline/stages/generate/time-format';
import { generate, readRecords, tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('building blocks', () => {
  it('formats timestamps exactly like Date.toISOString', () => {
    const random = createRandom(1);
    for (let index = 0; index < 20_000; index++) {
      const ms = Math.floor(1.5e12 + random.next() * 1e11);
      expect(formatIso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('issues UUIDv7 ids that never repeat and carry their timestamp', () => {
    const ids = createIdFactory(createRandom(2));
    const orphans = createIdFactory(createRandom(3), { mask: ids.mask, firstCounter: 2 ** 31 });
    const seen = new Set<string>();
    // The same millisecond for every id: the seed project's generator collided exactly here.
    for (let index = 0; index < 100_000; index++) seen.add(ids.next(1_756_000_000_000));
    for (let index = 0; index < 10_000; index++) seen.add(orphans.next(1_756_000_000_000));
    expect(seen.size).toBe(110_000);
    const id = ids.next(1_756_000_000_123);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(1_756_000_000_123);
    const key = { salt: 0x1234_5678, mask: ids.mask };
    for (let index = 0; index < 50_000; index++) seen.add(eventIdText(key, index, 1_756_000_000_000));
    for (let index = 0; index < 50_000; index++) seen.add(sessionIdText(key, index, 1_756_000_000_000));
    expect(seen.size).toBe(210_000);
    const eventBuffer = new Uint8Array(36);
    eventIdInto(key, eventBuffer, 0, 77, 1_756_000_000_123);
    expect(Buffer.from(eventBuffer).toString('latin1')).toBe(eventIdText(key, 77, 1_756_000_000_123));
    const asText = createIdFactory(createRandom(5));
    const asBytes = createIdFactory(createRandom(5));
    const buffer = new Uint8Array(40);
    for (let index = 0; index < 1000; index++) {
      const time = 1_756_000_000_000 + index * 7919;
      const end = asBytes.nextInto(buffer, 2, time);
      expect(end).toBe(38);
      expect(Buffer.from(buffer.subarray(2, end)).toString('latin1')).toBe(asText.next(time));
    }
  });

  it('samples an alias table in proportion to the weights', () => {
    const table = createAliasTable([1, 2, 7]);
    const random = createRandom(4);
    const counts = [0, 0, 0];
    for (let index = 0; index < 100_000; index++) counts[table.sample(random.next())]!++;
    expect(counts[0]! / 100_000).toBeCloseTo(0.1, 1);
    expect(counts[2]! / 100_000).toBeCloseTo(0.7, 1);
  });

  it('maps every renamed field to a real schema field and never reuses a current name', () => {
    for (const entity of entities) {
      const fields = Object.keys(recordSchemaByEntity[entity].shape);
      for (const [oldName, current] of Object.entries(driftRenames[entity])) {
        expect(fields).toContain(current);
        expect(fields).not.toContain(oldName);
      }
    }
  });

  it('writes the fast-path NDJSON and CSV lines byte-identical to the generic writers', async () => {
    const jsonDir = tempDir('parity-json');
    const csvDir = tempDir('parity-csv');
    dirs.push(jsonDir, csvDir);
    await generate(jsonDir, { events: 5_000, seed: 8 }, 'ndjson');
    await generate(csvDir, { events: 5_000, seed: 8 }, 'csv');
    for (const entity of entities) {
      const records = readRecords(jsonDir, entity);
      const fields = Object.keys(recordSchemaByEntity[entity].shape);
      const jsonLines = readFileSync(join(jsonDir, `${entity}.ndjson`), 'utf8').split('\n');
      records.forEach((record, index) => {
        expect(Object.keys(record)).toEqual(fields);
        expect(JSON.stringify(record)).toBe(jsonLines[index]);
      });
      const csv = readFileSync(join(csvDir, `${entity}.csv`), 'utf8');
      const expected =
        csvHeader(entity) + records.map((record) => `${csvCells(entity, record).join(',')}\n`).join('');
      expect(csv).toBe(expected);
    }
  });
});

describe('logger and progress bar', () => {
  it('writes one JSON line per record when not on a TTY, and readable lines on a TTY', () => {
    const lines: string[] = [];
    const json = createLogger({
      sink: { write: (text: string) => lines.push(text) },
      clock: fixedClock(1_756_000_000_000),
    });
    json.child('generate').log('info', 'dataset generated', { rows: 3 });
    json.log('debug', 'dropped below the default level');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'info',
      message: 'dataset generated',
      stage: 'generate',
      time: 1_756_000_000_000,
      fields: { rows: 3 },
    });
    const pretty: string[] = [];
    const tty = createLogger({
      sink: { write: (text: string) => pretty.push(text), isTTY: true },
      clock: fixedClock(1_756_000_000_000),
    });
    tty.child('validate').log('warn', 'late events', { count: 2, file: 'a b.ndjson' });
    expect(pretty[0]).toBe(
      '01:46:40.000 \u001b[33mWARN \u001b[0m validate  late events count=2 file="a b.ndjson"\n',
    );
  });

  it('draws a bar with rate and ETA on a TTY and nothing otherwise', () => {
    expect(
      renderProgressLine('generate', { done: 500_000, total: 1_000_000, unit: 'events' }, 1000, 100),
    ).toBe('generate [####################--------------------] 50% 500,000/1,000,000 events 500k/s ETA 1s');
    const written: string[] = [];
    const clock = fixedClock(0);
    const silent = createProgressBar(
      { write: (text: string) => written.push(text), isTTY: false },
      clock,
      'generate',
    );
    silent.update({ done: 1, total: 2 });
    silent.finish();
    expect(written).toEqual([]);
    const bar = createProgressBar(
      { write: (text: string) => written.push(text), isTTY: true, columns: 100 },
      clock,
      'generate',
    );
    bar.update({ done: 1, total: 2, unit: 'events' });
    clock.advance(50);
    bar.update({ done: 2, total: 2, unit: 'events' });
    bar.finish();
    expect(written).toHaveLength(3);
    expect(written[1]).toContain('100% 2/2 events');
    expect(written[2]).toBe('\n');
  });
});
