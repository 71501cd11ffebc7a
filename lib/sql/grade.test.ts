import { describe, expect, it } from 'vitest';
import { gradeResult, type GradeTable } from './grade';

const table = (rows: GradeTable['rows'], columns = ['a', 'b']): GradeTable => ({ columns, rows });

describe('gradeResult', () => {
  it('ignores column names and row order, and tolerates small numeric and DECIMAL-text differences', () => {
    const expected = table([['x', '10.00'], ['y', 0.3333333]]);
    const actual = table([['y', 1 / 3], ['x', 10.004]], ['name', 'value']);
    expect(gradeResult(expected, actual, { ordered: false })).toEqual({ correct: true });
  });

  it('rejects a difference above 0.005 absolute and 1e-6 relative', () => {
    const result = gradeResult(table([['x', 10]]), table([['x', 10.01]]), { ordered: false });
    expect(result.correct).toBe(false);
    if (!result.correct) expect(result.diagnosis).toMatchObject({ kind: 'wrong_values', columns: ['b'] });
  });

  it('diagnoses a wrong column count, missing rows and extra rows with examples', () => {
    const expected = table([['x', 1], ['y', 2], ['z', 3]]);
    const wide = gradeResult(expected, table([['x', 1, 0]], ['a', 'b', 'c']), { ordered: false });
    expect(!wide.correct && wide.diagnosis.kind).toBe('wrong_column_count');
    const missing = gradeResult(expected, table([['x', 1]]), { ordered: false });
    expect(!missing.correct && missing.diagnosis).toMatchObject({ kind: 'missing_rows', missingCount: 2, missing: [['y', 2], ['z', 3]] });
    const extra = gradeResult(expected, table([['x', 1], ['y', 2], ['z', 3], ['z', 3]]), { ordered: false });
    expect(!extra.correct && extra.diagnosis).toMatchObject({ kind: 'extra_rows', extraCount: 1, extra: [['z', 3]] });
  });

  it('grades order only when asked, and NULL only equals NULL', () => {
    const expected = table([['x', 1], ['y', null]]);
    const swapped = table([['y', null], ['x', 1]]);
    expect(gradeResult(expected, swapped, { ordered: false })).toEqual({ correct: true });
    const ordered = gradeResult(expected, swapped, { ordered: true });
    expect(!ordered.correct && ordered.diagnosis.kind).toBe('wrong_order');
    const zero = gradeResult(expected, table([['x', 1], ['y', 0]]), { ordered: false });
    expect(!zero.correct && zero.diagnosis.kind).toBe('wrong_values');
  });

  it('reads a midnight TIMESTAMP as its DATE and ignores ISO spelling', () => {
    const expected = table([['2025-08-25', '2025-08-25 07:09:41.5']]);
    expect(gradeResult(expected, table([['2025-08-25 00:00:00', '2025-08-25T07:09:41.500Z']]), { ordered: false })).toEqual({ correct: true });
    expect(gradeResult(expected, table([['2025-08-26', '2025-08-25 07:09:41.5']]), { ordered: false }).correct).toBe(false);
  });

  it('pairs rows by the key columns to name the wrong column', () => {
    const expected = table([['a', 'k1', 5], ['a', 'k2', 6]], ['g', 'k', 'v']);
    const actual = table([['a', 'k1', 5], ['a', 'k2', 7]], ['g', 'k', 'v']);
    const result = gradeResult(expected, actual, { ordered: false, keyColumns: [0, 1] });
    expect(!result.correct && result.diagnosis).toMatchObject({ kind: 'wrong_values', columns: ['v'], missing: [['a', 'k2', 6]], extra: [['a', 'k2', 7]] });
  });
});
