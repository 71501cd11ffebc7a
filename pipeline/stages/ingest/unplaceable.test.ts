import { describe, expect, it } from 'vitest';
import { classifyUnplaceable } from './unplaceable';

const classify = (line: string) => classifyUnplaceable(Buffer.from(line), ['event_ts', 'timestamp']);

describe('why ingest could not date-partition a line', () => {
  it('gives the reason code validate gives the same fault, naming the current field', () => {
    expect(classify('{"event_id":"a","event_ts":1724505909123}')).toMatchObject({
      code: 'TYPE_MISMATCH',
      field: 'event_ts',
    });
    expect(classify('{"event_id":"a","event_ts":1724505909123}').reason).toContain('found 1724505909123');
    expect(classify('{"event_id":"a","timestamp":"yesterday"}')).toMatchObject({
      code: 'TYPE_MISMATCH',
      field: 'event_ts',
    });
    expect(classify('{"event_id":"a","event_ts":null}')).toMatchObject({
      code: 'NULL_REQUIRED',
      field: 'event_ts',
    });
    expect(classify('{"event_id":"a"}')).toMatchObject({ code: 'MISSING_FIELD', field: 'event_ts' });
  });

  it('calls a line that is not a whole JSON object malformed', () => {
    for (const line of [
      '{"event_id":"a","event_ts":"2025-08-24T1',
      'not json',
      '[1,2]',
      '{"event_id":"a"} trailing}',
    ]) {
      expect([line, classify(line).code, classify(line).field]).toEqual([line, 'MALFORMED', null]);
    }
  });
});
