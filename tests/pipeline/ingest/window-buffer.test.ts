import { describe, expect, it } from 'vitest';
import { WindowBuffer } from '../../../pipeline/stages/ingest/window-buffer';

const line = (text: string) => Buffer.from(text);

describe('WindowBuffer: a landing window held as NDJSON bytes', () => {
  it('keeps each value with a newline, its offset, and views of single lines and of runs', () => {
    const window = new WindowBuffer(8, 2); // tiny, so every push below has to grow it
    for (let offset = 10; offset < 15; offset++) window.push(offset, line(`{"n":${offset}}`));
    expect(window.count).toBe(5);
    expect(window.lastOffset).toBe(14);
    expect(window.offsetAt(0)).toBe(10);
    expect(window.line(2).toString()).toBe('{"n":12}');
    expect(window.lines(1, 3).toString()).toBe('{"n":11}\n{"n":12}\n');
    expect(window.lines(0, window.count).toString()).toBe(
      [10, 11, 12, 13, 14].map((n) => `{"n":${n}}\n`).join(''),
    );
    expect(window.byteLength).toBe(5 * 9);
  });

  it('drops the records delivered again from a given offset on, and takes the new copies after them', () => {
    const window = new WindowBuffer();
    for (let offset = 0; offset < 6; offset++) window.push(offset, line(`v${offset}`));
    window.truncateFrom(3);
    expect(window.count).toBe(3);
    expect(window.lastOffset).toBe(2);
    window.push(3, line('again3'));
    expect(window.lines(0, window.count).toString()).toBe('v0\nv1\nv2\nagain3\n');
  });

  it('is empty after clear and reuses its memory for the next window', () => {
    const window = new WindowBuffer(64, 4);
    for (let offset = 0; offset < 100; offset++) window.push(offset, line('x'.repeat(50)));
    const capacity = window.capacity;
    window.clear();
    expect(window.count).toBe(0);
    expect(window.lastOffset).toBeUndefined();
    window.push(100, line('first of the next window'));
    expect(window.capacity).toBe(capacity);
    expect(window.lines(0, 1).toString()).toBe('first of the next window\n');
    expect(window.offsetAt(0)).toBe(100);
  });

  it('copies the value: changing the source afterwards changes nothing in the window', () => {
    const window = new WindowBuffer();
    const source = line('original');
    window.push(0, source);
    source.fill(0x7a);
    expect(window.line(0).toString()).toBe('original');
  });
});
