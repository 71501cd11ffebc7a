/**
 * HTTP Range header parsing (RFC 9110 §14) for one byte range. DuckDB-WASM reads an attached database with
 * single ranges, so multi-range requests (multipart/byteranges) are refused rather than half supported.
 */
export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable'; reason: string };

/** More digits than any file we serve could need: refuse before Number() loses precision. */
const maxDigits = 15;
const rangePattern = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (header === null || header === undefined || header.trim() === '') return { kind: 'full' };
  const value = header.trim();
  if (value.includes(',')) return { kind: 'unsatisfiable', reason: 'multiple ranges are not supported' };
  const match = rangePattern.exec(value);
  if (!match)
    return {
      kind: 'unsatisfiable',
      reason: `malformed range "${value.slice(0, 64)}": expected bytes=start-end`,
    };
  const startText = match[1] ?? '';
  const endText = match[2] ?? '';
  if (startText.length > maxDigits || endText.length > maxDigits) {
    return { kind: 'unsatisfiable', reason: 'range bounds are absurdly large' };
  }
  if (startText === '' && endText === '')
    return { kind: 'unsatisfiable', reason: 'range has neither start nor end' };
  if (size === 0) return { kind: 'unsatisfiable', reason: 'the file is empty' };

  if (startText === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(endText);
    if (suffix === 0) return { kind: 'unsatisfiable', reason: 'a suffix range of 0 bytes is empty' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (start >= size)
    return { kind: 'unsatisfiable', reason: `range starts at ${start}, past the end of a ${size}-byte file` };
  if (endText !== '' && Number(endText) < start) {
    return { kind: 'unsatisfiable', reason: `range end ${endText} is before its start ${start}` };
  }
  return { kind: 'partial', start, end };
}
