import { describe, expect, it } from 'vitest';
import { JsonFieldSpans, KnownWords } from './json-field';
import { createRandom } from './random';

/** The rule JsonFieldSpans implements, written the slow and obvious way: one search per name from the start. */
function readField(line: Buffer, names: readonly string[]): string | null {
  for (const name of names) {
    const needle = Buffer.from(`"${name}":"`);
    const at = line.indexOf(needle);
    if (at === -1) continue;
    const start = at + needle.length;
    const end = line.indexOf(34, start);
    return end === -1 || end - start > 256 ? null : line.toString('latin1', start, end);
  }
  return null;
}

const fields = [['event_type', 'type'], ['event_ts', 'timestamp'], ['ingested_at'], ['session_id']] as const;

/** An event line as a producer writes it, with one of the shapes the readers must cope with. */
function line(shape: number, random: ReturnType<typeof createRandom>): string {
  const record: Array<[string, unknown]> = [
    ['event_id', `e-${random.int(0, 1e6)}`],
    ['event_type', ['page_view', 'search', 'purchase'][random.int(0, 2)]],
    ['event_ts', '2025-08-24T13:05:09.123Z'],
    ['ingested_at', '2025-08-24T13:05:10.001Z'],
    ['user_id', `u-${random.int(0, 99)}`],
    ['session_id', `s-${random.int(0, 999)}`],
    ['page_url', '/p/1'],
  ];
  if (shape === 1) record.reverse(); // another producer's key order
  if (shape === 2) record.splice(2, 1, ['timestamp', '2025-08-24T13:05:09.123Z']); // an old schema's name
  if (shape === 3) record.splice(1, 1); // no event_type
  if (shape === 4) record.splice(3, 1, ['ingested_at', 1756040710001]); // not a string
  if (shape === 5) record.splice(5, 1, ['session_id', 'x'.repeat(300)]); // longer than any id
  if (shape === 6) record.splice(1, 1, ['event_type', null]);
  if (shape === 7) record.push(['extra', { session_id: 'nested' }]);
  if (shape === 8) record.splice(1, 1, ['event_type', 'a"b']); // an escaped quote
  if (shape === 9) record.splice(1, 0, ['type', 'search']); // both the old and the new name
  if (shape === 10) record.splice(1, 0, ['we"ird', 'x","event_type":"fake']); // quotes inside a key and a value
  if (shape === 11) record.splice(0, 1, ['event_id', 'x\\']); // a value ending in an escaped backslash
  return JSON.stringify(Object.fromEntries(record));
}

describe('JsonFieldSpans', () => {
  it('reads what one search per field from the start of the line reads, on every shape of line', () => {
    const random = createRandom(11);
    const spans = new JsonFieldSpans(fields);
    for (let sample = 0; sample < 5_000; sample++) {
      const bytes = Buffer.from(line(sample % 12, random));
      spans.scan(bytes);
      const expected = fields.map((names) => readField(bytes, names));
      expect(
        fields.map((_names, field) => spans.text(bytes, field)),
        bytes.toString(),
      ).toEqual(expected);
      expect(fields.map((_names, field) => spans.has(field))).toEqual(
        expected.map((value) => value !== null),
      );
    }
  });

  it('gives byte spans of the values in the line', () => {
    const bytes = Buffer.from(line(0, createRandom(1)));
    const spans = new JsonFieldSpans(fields);
    spans.scan(bytes);
    expect(bytes.toString('latin1', spans.starts[1], spans.ends[1])).toBe('2025-08-24T13:05:09.123Z');
    expect(bytes[spans.ends[1]!]).toBe(34);
  });
});

describe('KnownWords', () => {
  it('returns the known word for its bytes and a new string for any other text', () => {
    const words = new KnownWords(['page_view', 'search']);
    const bytes = Buffer.from('"search","searches","page_vie"');
    expect(words.text(bytes, 1, 7)).toBe('search');
    expect(words.text(bytes, 10, 18)).toBe('searches');
    expect(words.text(bytes, 21, 29)).toBe('page_vie');
  });
});
