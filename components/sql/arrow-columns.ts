import type { ColumnKind, ResultColumn } from './protocol';

/**
 * Turn Arrow record batches from DuckDB-WASM into the protocol's columns. Only the structural parts of Arrow used
 * here are typed, so this works with whichever apache-arrow copy the engine bundles. Numbers are read from the raw
 * value buffers (no per-cell boxing); DECIMAL is formatted exactly from its 128-bit integer, never via a double.
 */

// apache-arrow's Type enum ids: stable across versions.
const TypeId = {
  Dictionary: -1,
  Int: 2,
  Float: 3,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Timestamp: 10,
  LargeUtf8: 20,
} as const;

export interface ArrowTypeLike {
  typeId: number;
  bitWidth?: number;
  isSigned?: boolean;
  precision?: number;
  scale?: number;
  unit?: number;
  timezone?: string | null;
  toString(): string;
}

export interface ArrowDataLike {
  type: ArrowTypeLike;
  length: number;
  offset: number;
  nullCount: number;
  nullBitmap?: Uint8Array | null;
  values: ArrayLike<number | bigint>;
}

export interface ArrowVectorLike {
  get(index: number): unknown;
}

export interface ArrowBatchLike {
  numRows: number;
  data: { children: readonly ArrowDataLike[] };
  getChildAt(index: number): ArrowVectorLike | null;
  schema: { fields: readonly { name: string; type: ArrowTypeLike }[] };
}

export function duckdbTypeName(type: ArrowTypeLike): string {
  switch (type.typeId) {
    case TypeId.Int: {
      const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
      const name = names[type.bitWidth ?? 32] ?? 'INTEGER';
      return type.isSigned === false ? `U${name}` : name;
    }
    case TypeId.Float:
      return type.toString().includes('32') ? 'FLOAT' : 'DOUBLE';
    case TypeId.Decimal:
      return `DECIMAL(${type.precision ?? 18},${type.scale ?? 0})`;
    case TypeId.Utf8:
    case TypeId.LargeUtf8:
      return 'VARCHAR';
    case TypeId.Bool:
      return 'BOOLEAN';
    case TypeId.Dictionary:
      // DuckDB sends ENUM columns dictionary-encoded.
      return 'ENUM';
    case TypeId.Date:
      return 'DATE';
    case TypeId.Timestamp:
      return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
    default:
      return type.toString().toUpperCase();
  }
}

function kindOf(type: ArrowTypeLike): ColumnKind {
  switch (type.typeId) {
    case TypeId.Int:
      return 'integer';
    case TypeId.Float:
      return 'float';
    case TypeId.Decimal:
      return 'decimal';
    case TypeId.Bool:
      return 'boolean';
    case TypeId.Utf8:
    case TypeId.LargeUtf8:
    case TypeId.Dictionary:
      return 'text';
    case TypeId.Date:
    case TypeId.Timestamp:
      return 'temporal';
    default:
      return 'other';
  }
}

/** An unscaled two's-complement integer of `words` little-endian 32-bit words, as text with `scale` decimals. */
export function formatDecimalWords(
  words: ArrayLike<number>,
  start: number,
  count: number,
  scale: number,
): string {
  let value = 0n;
  for (let w = count - 1; w >= 0; w--) value = (value << 32n) | BigInt((words[start + w] ?? 0) >>> 0);
  const bits = BigInt(count * 32);
  if (value >> (bits - 1n)) value -= 1n << bits;
  return formatScaled(value, scale);
}

export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  if (scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** DuckDB's own text form: 2026-03-02 and 2026-03-02 14:05:09[.123456]. */
export function formatTimestampMicros(micros: bigint): string {
  const ms = Number(micros / 1000n) - (micros % 1000n < 0n ? 1 : 0);
  const date = new Date(ms);
  const fraction = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const base = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return fraction === 0 ? base : `${base}.${pad(fraction, 6).replace(/0+$/, '')}`;
}

export function formatDateDays(days: number): string {
  const date = new Date(days * 86_400_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const unitToMicros = [1_000_000n, 1000n, 1n, 0n]; // SECOND, MILLISECOND, MICROSECOND, NANOSECOND (divide)

function timestampMicros(data: ArrowDataLike, j: number): bigint {
  const values = data.values;
  const raw =
    values instanceof BigInt64Array
      ? values[j]!
      : BigInt(Number(values[j * 2] ?? 0) >>> 0) | (BigInt(Number(values[j * 2 + 1] ?? 0)) << 32n);
  const unit = data.type.unit ?? 2;
  return unit === 3 ? raw / 1000n : raw * (unitToMicros[unit] ?? 1n);
}

function otherText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
  );
}

/** Copy up to `rowLimit` rows of the batches into protocol columns. */
export function batchesToColumns(
  batches: readonly ArrowBatchLike[],
  rowLimit: number,
): { columns: ResultColumn[]; rowCount: number } {
  const first = batches[0];
  if (!first) return { columns: [], rowCount: 0 };
  const rowCount = Math.min(
    rowLimit,
    batches.reduce((sum, b) => sum + b.numRows, 0),
  );
  const columns = first.schema.fields.map((field, c): ResultColumn => {
    const kind = kindOf(field.type);
    const numeric = kind === 'integer' || kind === 'float' || kind === 'decimal';
    const column: ResultColumn = {
      name: field.name,
      type: duckdbTypeName(field.type),
      kind,
      numbers: numeric ? new Float64Array(rowCount) : null,
      texts: numeric && kind !== 'decimal' ? null : new Array<string | null>(rowCount).fill(null),
      nulls: new Uint8Array(rowCount),
    };
    let row = 0;
    for (const batch of batches) {
      if (row >= rowCount) break;
      const data = batch.data.children[c];
      const vector = batch.getChildAt(c);
      if (!data || !vector) continue;
      const take = Math.min(batch.numRows, rowCount - row);
      fillColumn(column, data, vector, row, take);
      row += take;
    }
    return column;
  });
  return { columns, rowCount };
}

function fillColumn(
  column: ResultColumn,
  data: ArrowDataLike,
  vector: ArrowVectorLike,
  at: number,
  count: number,
): void {
  const { numbers, nulls } = column;
  const texts = column.texts;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : null;
  const typeId = data.type.typeId;
  const words = (data.type.bitWidth ?? 128) / 32;
  for (let i = 0; i < count; i++) {
    const j = data.offset + i;
    if (bitmap && (bitmap[j >> 3]! & (1 << (j & 7))) === 0) {
      nulls[at + i] = 1;
      if (numbers) numbers[at + i] = Number.NaN;
      continue;
    }
    if (typeId === TypeId.Decimal) {
      const text = formatDecimalWords(
        data.values as ArrayLike<number>,
        j * words,
        words,
        data.type.scale ?? 0,
      );
      texts![at + i] = text;
      numbers![at + i] = Number(text);
    } else if (numbers) {
      const value = data.values[j]!;
      numbers[at + i] = Number(value);
      // A BIGINT past 2^53 would be shown rounded: keep its exact text beside the double.
      if (typeof value === 'bigint' && (value > maxSafe || value < -maxSafe)) {
        column.texts ??= new Array<string | null>(column.nulls.length).fill(null);
        column.texts[at + i] = value.toString();
      }
    } else if (typeId === TypeId.Bool) {
      texts![at + i] = vector.get(i) ? 'true' : 'false';
    } else if (typeId === TypeId.Timestamp) {
      texts![at + i] = formatTimestampMicros(timestampMicros(data, j));
    } else if (typeId === TypeId.Date && data.type.unit === 0) {
      texts![at + i] = formatDateDays(Number(data.values[j]));
    } else {
      texts![at + i] = otherText(vector.get(i));
    }
  }
}
