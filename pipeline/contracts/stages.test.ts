import { describe, expect, it } from 'vitest';
import { stageCatalog, stageNames } from './stages';

describe('stage catalog', () => {
  it('lists every stage once, in DAG order', () => {
    expect(stageCatalog.map((stage) => stage.name)).toEqual([...stageNames]);
  });

  it('only depends on stages that come earlier', () => {
    stageCatalog.forEach((stage, index) => {
      for (const dependency of stage.dependsOn) {
        expect(stageNames.indexOf(dependency)).toBeGreaterThanOrEqual(0);
        expect(stageNames.indexOf(dependency)).toBeLessThan(index);
      }
    });
  });
});
