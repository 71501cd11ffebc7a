import { recordSchemaByEntity, type Entity } from '../../contracts/records';
import { driftRenames } from './drift-renames';

/**
 * How a record becomes a line in each output format. NDJSON is the canonical format: every fault is exactly
 * representable there. CSV has a fixed header per file, so its columns are the schema's fields, then the old
 * names the renamed-field drift uses, then `_extra` (a JSON object of unknown fields); a missing field and a
 * null are both an empty cell, and nested values (order lines, preferred categories) are JSON text.
 */
export type OutputFormat = 'ndjson' | 'csv' | 'parquet';
export type LineFormat = 'ndjson' | 'csv';
export type PlainRecord = Record<string, unknown>;

export const extraColumn = '_extra';

export function schemaFields(entity: Entity): string[] {
  return Object.keys(recordSchemaByEntity[entity].shape);
}

export function csvColumns(entity: Entity): string[] {
  return [...schemaFields(entity), ...Object.keys(driftRenames[entity]), extraColumn];
}

const needsQuotes = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return csvCell(JSON.stringify(value));
}

export function csvHeader(entity: Entity): string {
  return `${csvColumns(entity).join(',')}\n`;
}

const columnSets = new Map<Entity, Set<string>>();
function columnSet(entity: Entity): Set<string> {
  let set = columnSets.get(entity);
  if (!set) {
    set = new Set(csvColumns(entity));
    columnSets.set(entity, set);
  }
  return set;
}

/** The CSV cells of a record, in column order. */
export function csvCells(entity: Entity, record: PlainRecord): string[] {
  const columns = columnSet(entity);
  const cells: string[] = [];
  for (const column of columns) {
    if (column === extraColumn) {
      const extra: PlainRecord = {};
      let hasExtra = false;
      for (const key of Object.keys(record)) {
        if (!columns.has(key)) {
          extra[key] = record[key];
          hasExtra = true;
        }
      }
      cells.push(hasExtra ? csvCell(JSON.stringify(extra)) : '');
    } else {
      cells.push(csvCell(record[column]));
    }
  }
  return cells;
}

export function renderRecord(format: LineFormat, entity: Entity, record: PlainRecord): string {
  return format === 'ndjson' ? `${JSON.stringify(record)}\n` : `${csvCells(entity, record).join(',')}\n`;
}

/**
 * A line cut short, as a producer that crashed mid-write leaves it. It keeps the record's id so the ground truth
 * can name it: NDJSON keeps a strict prefix of the object (never valid JSON); CSV keeps only the first cells, so
 * the row has too few columns.
 */
export function renderMalformed(
  format: LineFormat,
  entity: Entity,
  record: PlainRecord,
  uniform: number,
): string {
  if (format === 'csv') {
    const cells = csvCells(entity, record);
    const idCells = entity === 'users' ? 2 : 1;
    const keep = idCells + Math.floor(uniform * (cells.length - 1 - idCells));
    return `${cells.slice(0, keep).join(',')}\n`;
  }
  const json = JSON.stringify(record);
  // Keep the whole record id: the first field (a user's id is user_id and version, the first two). Ids and
  // versions hold no commas, so the n-th comma ends the n-th field.
  let from = 0;
  for (let field = 0; field < (entity === 'users' ? 2 : 1); field++) from = json.indexOf(',', from + 1);
  if (from < 0) from = 1;
  const cut = from + Math.floor(uniform * (json.length - 1 - from));
  return `${json.slice(0, Math.max(from, cut))}\n`;
}
