import { describe, expect, it } from 'vitest';
import { gradeResult, type GradeTable } from './grade';

const table = (rows: GradeTable['rows'], columns = ['a', 'b']): GradeTable => ({ columns, rows });

describe('gradeResult', () => {
  it('ignores column names and row order, and tolerates small numeric and DECIMAL-text differences', () => {
    const expected = table([
      ['x', '10.00'],
      ['y', 0.3333333],
    ]);
    const actual = table(
      [
        ['y', 1 / 3],
        ['x', 10.004],
      ],
      ['name', 'value'],
    );
    expect(gradeResult(expected, actual, { ordered: false })).toEqual({ correct: true });
  });

  it('rejects a difference above 1e-4 relative', () => {
    const result = gradeResult(table([['x', 10]]), table([['x', 10.01]]), { ordered: false });
    expect(result.correct).toBe(false);
    if (!result.correct) expect(result.diagnosis).toMatchObject({ kind: 'wrong_values', columns: ['b'] });
  });

  // Regression: an absolute 0.005 tolerance let a conversion rate 0.4 percentage points off pass as correct.
  it('rejects a rate off by 0.004, and a small count off by one', () => {
    const rate = gradeResult(
      table([['2025-08-24', 0.4273504273504274]]),
      table([['2025-08-24', 0.4313504273504274]]),
      { ordered: false },
    );
    expect(!rate.correct && rate.diagnosis).toMatchObject({ kind: 'wrong_values', columns: ['b'] });
    expect(gradeResult(table([['x', 0.0123]]), table([['x', 0.0163]]), { ordered: false }).correct).toBe(
      false,
    );
    expect(gradeResult(table([['x', 7]]), table([['x', 8]]), { ordered: false }).correct).toBe(false);
  });

  it('accepts float noise and a value rounded to 2–4 decimals, in either direction', () => {
    expect(gradeResult(table([['x', 0.1 + 0.2]]), table([['x', 0.3]]), { ordered: false })).toEqual({
      correct: true,
    });
    expect(gradeResult(table([['x', 1234567.891]]), table([['x', 1234567.9]]), { ordered: false })).toEqual({
      correct: true,
    });
    // Reference ROUND(z, 2), learner unrounded; reference AVG, learner rounded to cents; both at a half-way point.
    expect(gradeResult(table([['x', 2.35]]), table([['x', 2.3512]]), { ordered: false })).toEqual({
      correct: true,
    });
    expect(gradeResult(table([['x', 1.23456]]), table([['x', 1.23]]), { ordered: false })).toEqual({
      correct: true,
    });
    expect(gradeResult(table([['x', 0.125]]), table([['x', 0.13]]), { ordered: false })).toEqual({
      correct: true,
    });
    // Rounded to the wrong cent, or to one decimal (too coarse to tell right from wrong): not equal.
    expect(gradeResult(table([['x', 1.23456]]), table([['x', 1.24]]), { ordered: false }).correct).toBe(
      false,
    );
    expect(gradeResult(table([['x', 0.4273]]), table([['x', 0.4]]), { ordered: false }).correct).toBe(false);
  });

  it('diagnoses a wrong column count, missing rows and extra rows with examples', () => {
    const expected = table([
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ]);
    const wide = gradeResult(expected, table([['x', 1, 0]], ['a', 'b', 'c']), { ordered: false });
    expect(!wide.correct && wide.diagnosis.kind).toBe('wrong_column_count');
    const missing = gradeResult(expected, table([['x', 1]]), { ordered: false });
    expect(!missing.correct && missing.diagnosis).toMatchObject({
      kind: 'missing_rows',
      missingCount: 2,
      missing: [
        ['y', 2],
        ['z', 3],
      ],
    });
    const extra = gradeResult(
      expected,
      table([
        ['x', 1],
        ['y', 2],
        ['z', 3],
        ['z', 3],
      ]),
      { ordered: false },
    );
    expect(!extra.correct && extra.diagnosis).toMatchObject({
      kind: 'extra_rows',
      extraCount: 1,
      extra: [['z', 3]],
    });
  });

  it('grades order only when asked, and NULL only equals NULL', () => {
    const expected = table([
      ['x', 1],
      ['y', null],
    ]);
    const swapped = table([
      ['y', null],
      ['x', 1],
    ]);
    expect(gradeResult(expected, swapped, { ordered: false })).toEqual({ correct: true });
    const ordered = gradeResult(expected, swapped, { ordered: true });
    expect(!ordered.correct && ordered.diagnosis.kind).toBe('wrong_order');
    const zero = gradeResult(
      expected,
      table([
        ['x', 1],
        ['y', 0],
      ]),
      { ordered: false },
    );
    expect(!zero.correct && zero.diagnosis.kind).toBe('wrong_values');
  });

  it('reads a midnight TIMESTAMP as its DATE and ignores ISO spelling', () => {
    const expected = table([['2025-08-25', '2025-08-25 07:09:41.5']]);
    expect(
      gradeResult(expected, table([['2025-08-25 00:00:00', '2025-08-25T07:09:41.500Z']]), { ordered: false }),
    ).toEqual({ correct: true });
    expect(
      gradeResult(expected, table([['2025-08-26', '2025-08-25 07:09:41.5']]), { ordered: false }).correct,
    ).toBe(false);
  });

  it('pairs rows by the key columns to name the wrong column', () => {
    const expected = table(
      [
        ['a', 'k1', 5],
        ['a', 'k2', 6],
      ],
      ['g', 'k', 'v'],
    );
    const actual = table(
      [
        ['a', 'k1', 5],
        ['a', 'k2', 7],
      ],
      ['g', 'k', 'v'],
    );
    const result = gradeResult(expected, actual, { ordered: false, keyColumns: [0, 1] });
    expect(!result.correct && result.diagnosis).toMatchObject({
      kind: 'wrong_values',
      columns: ['v'],
      missing: [['a', 'k2', 6]],
      extra: [['a', 'k2', 7]],
    });
  });
});
