import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import { parseIsoUtcBytes } from './iso-time';

/** parseIsoUtcBytes of a text placed inside a longer buffer (so an offset mistake would show). */
const fromBytes = (text: string) =>
  parseIsoUtcBytes(Buffer.from(`{"t":"${text}"}`, 'latin1'), 6, 6 + text.length);

describe('parseIsoUtcBytes', () => {
  it('agrees with Date.parse on every timestamp of a sweep over 1900–2200, whatever the field values', () => {
    const random = createRandom(5);
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    for (let sample = 0; sample < 200_000; sample++) {
      // Mostly valid texts, with fields pushed out of range now and then (day 29–31 of February, 24:00, 60 s).
      const text = `${pad(random.int(1900, 2200), 4)}-${pad(random.int(0, 13), 2)}-${pad(random.int(0, 32), 2)}T${pad(random.int(0, 24), 2)}:${pad(random.int(0, 60), 2)}:${pad(random.int(0, 60), 2)}.${pad(random.int(0, 999), 3)}Z`;
      const expected = Date.parse(text);
      const actual = fromBytes(text);
      if (!Object.is(actual, expected)) expect(actual, text).toBe(expected);
    }
  });

  it('reads other shapes and garbage exactly as Date.parse does', () => {
    for (const text of [
      '2025-08-24T13:05:09Z',
      '2025-08-24',
      '2025-08-24T13:05:09.123+02:00',
      '2025-08-24T13:05:09.1234',
      'x025-08-24T13:05:09.123Z',
      '2025-08-2xT13:05:09.123Z',
      '',
      'not a time',
      '2024-02-29T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
    ]) {
      expect(Object.is(fromBytes(text), Date.parse(text)), text).toBe(true);
    }
  });
});
