/**
 * Milliseconds since the epoch of the ISO-8601 UTC text in the latin1 bytes [start, end), exactly as Date.parse
 * reads it, without making a string first: produce and the speed layer read timestamps straight out of each
 * record's bytes, and Date.parse was a tenth of the speed layer's time. The fast path takes the one shape every
 * producer here writes (`2025-08-24T13:05:09.123Z`, 24 characters) and only fields that are in range for every
 * month (day ≤ 28); anything else (other shapes, 29–31 of a month, 24:00) goes to Date.parse, so the answer never
 * differs from it.
 */
export function parseIsoUtcBytes(bytes: Uint8Array, start: number, end: number): number {
  if (
    end - start !== 24 ||
    bytes[start + 4] !== 45 ||
    bytes[start + 7] !== 45 ||
    bytes[start + 10] !== 84 ||
    bytes[start + 13] !== 58 ||
    bytes[start + 16] !== 58 ||
    bytes[start + 19] !== 46 ||
    bytes[start + 23] !== 90
  ) {
    return Date.parse(latin1(bytes, start, end));
  }
  const ms = fieldsToMs(
    byteDigits(bytes, start, 4),
    byteDigits(bytes, start + 5, 2),
    byteDigits(bytes, start + 8, 2),
    byteDigits(bytes, start + 11, 2),
    byteDigits(bytes, start + 14, 2),
    byteDigits(bytes, start + 17, 2),
    byteDigits(bytes, start + 20, 3),
  );
  return ms === outOfRange ? Date.parse(latin1(bytes, start, end)) : ms;
}

/** Not a time any text can give (Date.parse gives NaN or a finite number): "let Date.parse decide". */
const outOfRange = Number.NEGATIVE_INFINITY;

/** The time of fields that are valid in every month (byteDigits() gives -1 for a field that is not all digits). */
function fieldsToMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    millisecond < 0
  ) {
    return outOfRange;
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    millisecond
  );
}

/** The number in bytes[from, from + count) if it is all ASCII digits, else -1. */
function byteDigits(bytes: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index++) {
    const code = bytes[index]! - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
