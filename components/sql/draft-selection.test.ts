import { describe, expect, it } from 'vitest';
import { draftRunRequest } from './draft-selection';

describe('draftRunRequest', () => {
  const text = 'SELECT 1;\nSELECT event_type\n  FROM fact_events;';

  it('runs the whole text when nothing is selected', () => {
    expect(draftRunRequest(text, 4, 4)).toEqual({ sql: text, line: 1, column: 1 });
  });

  it('runs the selection, placed at the line and column where it starts', () => {
    const start = text.indexOf('SELECT event_type');
    expect(draftRunRequest(text, start, text.length)).toEqual({
      sql: 'SELECT event_type\n  FROM fact_events;',
      line: 2,
      column: 1,
    });
    const from = text.indexOf('FROM');
    expect(draftRunRequest(text, from, from + 4)).toEqual({ sql: 'FROM', line: 3, column: 3 });
  });
});
