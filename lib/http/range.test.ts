import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange', () => {
  it('serves the whole file without a Range header', () => {
    expect(parseRange(null, 100)).toEqual({ kind: 'full' });
    expect(parseRange('', 100)).toEqual({ kind: 'full' });
  });

  it('parses closed, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
  });

  it('clamps an end past the file and a suffix longer than the file', () => {
    expect(parseRange('bytes=50-1000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  it.each([
    ['bytes=100-', 'past the end'],
    ['bytes=20-10', 'before its start'],
    ['bytes=-0', 'empty'],
    ['bytes=-', 'neither start nor end'],
    ['bytes=0-1,5-6', 'multiple ranges'],
    ['items=0-1', 'malformed'],
    ['bytes=a-b', 'malformed'],
    ['bytes=-1-2', 'malformed'],
    ['bytes=1234567890123456789-', 'absurdly large'],
    ['bytes=0-99999999999999999999', 'absurdly large'],
  ])('refuses %s', (header, reason) => {
    const result = parseRange(header, 100);
    expect(result.kind).toBe('unsatisfiable');
    expect(result.kind === 'unsatisfiable' && result.reason).toContain(reason);
  });

  it('refuses any range of an empty file', () => {
    expect(parseRange('bytes=0-0', 0).kind).toBe('unsatisfiable');
  });
});
