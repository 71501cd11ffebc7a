/**
 * The records of one partition's landing window, kept as NDJSON bytes: each value copied once into one growing
 * buffer, followed by a newline, with its offset and start position in typed arrays. Holding a window as
 * bytes instead of one object and one Buffer view per record matters: a run buffers up to a window per
 * partition at once (a million records), and that many live objects made the garbage collector the ingest's
 * biggest cost. A window whose records share a date lands as one slice of these bytes, with no second copy.
 */
export class WindowBuffer {
  private bytes: Buffer;
  private used = 0;
  private offsets: Float64Array;
  private starts: Int32Array;
  private records = 0;

  constructor(initialBytes = 4 * 1024 * 1024, initialRecords = 8192) {
    this.bytes = Buffer.allocUnsafe(initialBytes);
    this.offsets = new Float64Array(initialRecords);
    this.starts = new Int32Array(initialRecords + 1);
  }

  get count(): number {
    return this.records;
  }

  /** Bytes the buffer holds before it must grow. */
  get capacity(): number {
    return this.bytes.length;
  }

  get byteLength(): number {
    return this.used;
  }

  /** Offset of record `index` (0-based within the window). */
  offsetAt(index: number): number {
    return this.offsets[index]!;
  }

  get lastOffset(): number | undefined {
    return this.records === 0 ? undefined : this.offsets[this.records - 1];
  }

  push(offset: number, value: Uint8Array): void {
    if (this.records + 1 >= this.offsets.length) this.growRecords();
    if (this.used + value.length + 1 > this.bytes.length) this.growBytes(value.length + 1);
    this.starts[this.records] = this.used;
    this.offsets[this.records] = offset;
    this.bytes.set(value, this.used);
    this.used += value.length;
    this.bytes[this.used++] = 10; // '\n'
    this.records++;
    this.starts[this.records] = this.used;
  }

  /** Start of record `index`'s line; its end (before the newline) is `lineEnd(index)`. */
  lineStart(index: number): number {
    return this.starts[index]!;
  }

  lineEnd(index: number): number {
    return this.starts[index + 1]! - 1;
  }

  /** The bytes the lines live in (valid up to byteLength; read with lineStart/lineEnd). */
  get buffer(): Buffer {
    return this.bytes;
  }

  /** Record `index`'s line, without its newline (a view). */
  line(index: number): Buffer {
    return this.bytes.subarray(this.lineStart(index), this.lineEnd(index));
  }

  /** Lines `from` to `to` (exclusive), each with its newline: a view, no copy. */
  lines(from: number, to: number): Buffer {
    return this.bytes.subarray(this.starts[from]!, this.starts[to]!);
  }

  /** Drops the records with offset ≥ `offset` (they are being delivered again after a rebalance or restart). */
  truncateFrom(offset: number): void {
    let keep = this.records;
    while (keep > 0 && this.offsets[keep - 1]! >= offset) keep--;
    this.records = keep;
    this.used = this.starts[keep]!;
  }

  /** Empties the window, keeping its memory for the next one. */
  clear(): void {
    this.records = 0;
    this.used = 0;
  }

  private growRecords(): void {
    const offsets = new Float64Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const starts = new Int32Array(offsets.length + 1);
    starts.set(this.starts);
    this.starts = starts;
  }

  private growBytes(atLeast: number): void {
    const bytes = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + atLeast));
    this.bytes.copy(bytes, 0, 0, this.used);
    this.bytes = bytes;
  }
}
