import type { StageInfo } from '@/pipeline/contracts/stages';

export const nodeWidth = 112;
export const nodeHeight = 48;
const gapX = 28;
const gapY = 32;

/** The graph box: one class for the graph and for the placeholder shown while it loads, so nothing jumps. */
export const dagBoxClass = 'h-60 rounded-lg border border-slate-200 dark:border-slate-800';

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface PlacedStage {
  name: StageInfo['name'];
  x: number;
  y: number;
  /** Where the edge from the previous stage comes in, and where the edge to the next one leaves. */
  target: Side;
  source: Side;
}

export interface Box {
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Three stages a row on a phone-sized box, five on anything wider: nodes stay big enough to read either way. */
export function columnsFor(boxWidth: number): number {
  return boxWidth < 560 ? 3 : 5;
}

/**
 * The stages are a chain, laid out as a snake: left to right on even rows, right to left on odd ones, so every edge
 * joins neighbours and the row break is one short vertical step instead of a line across the whole graph.
 */
export function snakeLayout(stages: readonly StageInfo[], columns: number): PlacedStage[] {
  return stages.map((stage, index) => {
    const row = Math.floor(index / columns);
    const inRow = index % columns;
    const forward = row % 2 === 0;
    const column = forward ? inRow : columns - 1 - inRow;
    const firstInRow = inRow === 0;
    const lastInRow = inRow === columns - 1 || index === stages.length - 1;
    return {
      name: stage.name,
      x: column * (nodeWidth + gapX),
      y: row * (nodeHeight + gapY),
      target: firstInRow ? (row === 0 ? (forward ? 'left' : 'right') : 'top') : forward ? 'left' : 'right',
      source: lastInRow ? 'bottom' : forward ? 'right' : 'left',
    };
  });
}

export interface HandleBox {
  type: 'source' | 'target';
  side: Side;
  /** Top-left corner of the 1 px handle, relative to the node's top-left corner. */
  x: number;
  y: number;
}

/**
 * Where a node's edge ends sit, given up front. The graph library otherwise measures each node in the browser and
 * forgets that measurement whenever a node is replaced (every state change replaces it): the node then stays hidden
 * until its size changes, which it never does. Known sizes and handle places make every render complete.
 */
export function handleBoxes(stage: PlacedStage): HandleBox[] {
  const at = (side: Side) =>
    side === 'left'
      ? { x: 0, y: nodeHeight / 2 }
      : side === 'right'
        ? { x: nodeWidth - 1, y: nodeHeight / 2 }
        : side === 'top'
          ? { x: nodeWidth / 2, y: 0 }
          : { x: nodeWidth / 2, y: nodeHeight - 1 };
  return [
    { type: 'target', side: stage.target, ...at(stage.target) },
    { type: 'source', side: stage.source, ...at(stage.source) },
  ];
}

/** The size of what snakeLayout placed. */
export function layoutBounds(placed: readonly PlacedStage[]): Box {
  return {
    width: Math.max(...placed.map((stage) => stage.x)) + nodeWidth,
    height: Math.max(...placed.map((stage) => stage.y)) + nodeHeight,
  };
}

/**
 * The pan and zoom that show the whole layout centred in the box, with a margin, never enlarged past 1.2×. Computed
 * from the box's measured size rather than left to the graph library's one-off fit, so it is right at every size the
 * box takes while a run goes on (the box changes width as the page around it reflows).
 */
export function fitViewport(content: Box, box: Box, margin = 12): Viewport {
  const zoom = Math.max(
    0.05,
    Math.min((box.width - 2 * margin) / content.width, (box.height - 2 * margin) / content.height, 1.2),
  );
  return { x: (box.width - content.width * zoom) / 2, y: (box.height - content.height * zoom) / 2, zoom };
}
