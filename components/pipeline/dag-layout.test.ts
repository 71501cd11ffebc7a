import { describe, expect, it } from 'vitest';
import { stageCatalog } from '@/pipeline/contracts/stages';
import { columnsFor, fitViewport, layoutBounds, nodeHeight, nodeWidth, snakeLayout } from './dag-layout';

describe('the pipeline graph layout', () => {
  it('places all nine stages without overlap, in a snake of rows', () => {
    for (const columns of [3, 5]) {
      const placed = snakeLayout(stageCatalog, columns);
      expect(placed.map((stage) => stage.name)).toEqual(stageCatalog.map((stage) => stage.name));
      const cells = new Set(placed.map((stage) => `${stage.x},${stage.y}`));
      expect(cells.size).toBe(9);
      // Consecutive stages are neighbours: same row and one column apart, or one row apart in the same column.
      for (let index = 1; index < placed.length; index++) {
        const [previous, current] = [placed[index - 1]!, placed[index]!];
        const dx = Math.abs(current.x - previous.x);
        const dy = current.y - previous.y;
        expect(
          dy === 0 ? dx > 0 && dx < 2 * nodeWidth : dx === 0 && dy > 0,
          `${previous.name} → ${current.name}`,
        ).toBe(true);
      }
    }
    const phone = snakeLayout(stageCatalog, 3);
    expect(phone.find((stage) => stage.name === 'ingest')).toMatchObject({ source: 'bottom' });
    expect(phone.find((stage) => stage.name === 'validate')).toMatchObject({ target: 'top', source: 'left' });
  });

  it('fits every node inside the box at every width from a small phone to a wide screen', () => {
    for (let width = 280; width <= 1600; width += 7) {
      const box = { width, height: width < 560 ? 240 : 224 };
      const placed = snakeLayout(stageCatalog, columnsFor(width));
      const view = fitViewport(layoutBounds(placed), box);
      for (const stage of placed) {
        const left = view.x + stage.x * view.zoom;
        const top = view.y + stage.y * view.zoom;
        expect(left, `${stage.name} at ${width} px`).toBeGreaterThanOrEqual(0);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(left + nodeWidth * view.zoom).toBeLessThanOrEqual(width);
        expect(top + nodeHeight * view.zoom).toBeLessThanOrEqual(box.height);
      }
    }
  });

  it('keeps labels readable on a 390 px phone: the graph is drawn at 80 % of its size or more', () => {
    const box = { width: 358, height: 240 };
    expect(
      fitViewport(layoutBounds(snakeLayout(stageCatalog, columnsFor(box.width))), box).zoom,
    ).toBeGreaterThanOrEqual(0.8);
  });
});
