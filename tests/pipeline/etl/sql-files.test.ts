import { describe, expect, it } from 'vitest';
import { entities } from '@/pipeline/contracts/records';
import { driftRenames } from '@/pipeline/stages/generate/drift-renames';
import { fillSql, readStageSql, stageSql } from '@/pipeline/stages/sql-files';

describe('stage SQL files', () => {
  it('lists a stage’s SQL in the order it runs, for the UI', () => {
    expect(stageSql('validate').map((file) => file.file)).toEqual([
      'checks.sql',
      'users.sql',
      'products.sql',
      'events.sql',
      'orders.sql',
      'quarantine.sql',
    ]);
    expect(stageSql('model').map((file) => file.file)).toEqual([
      'dim-date.sql',
      'dim-user.sql',
      'dim-product.sql',
      'fact-events.sql',
      'fact-orders.sql',
    ]);
    expect(stageSql('generate')).toEqual([]);
    for (const stage of ['dedupe', 'aggregate', 'quality'] as const)
      expect(stageSql(stage).length).toBeGreaterThan(0);
  });

  it('maps every old field name of drift-renames.ts in the validate SQL of its entity', () => {
    for (const entity of entities) {
      const sql = readStageSql('validate', `${entity}.sql`);
      for (const [oldName, current] of Object.entries(driftRenames[entity])) {
        expect([
          entity,
          oldName,
          sql.includes(`coalesce(f.${current}, f.${oldName})`) ||
            sql.includes(`coalesce(f.${current}, f."${oldName}")`),
        ]).toEqual([entity, oldName, true]);
      }
    }
  });

  it('refuses file names that could leave the stage folder and placeholders without a value', () => {
    expect(() => readStageSql('validate', '../../../package.json')).toThrow(/Not a stage SQL file name/);
    expect(() => fillSql('SELECT {{missing}}', {})).toThrow(/has no value/);
    expect(fillSql("SELECT '{{a}}'", { a: 'x' })).toBe("SELECT 'x'");
  });
});
