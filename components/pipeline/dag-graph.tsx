'use client';

import { useEffect, useRef, useState } from 'react';
import { Background, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { stageCatalog, type StageName } from '@/pipeline/contracts/stages';
import type { StageState } from './console-types';
import {
  columnsFor,
  dagBoxClass,
  fitViewport,
  handleBoxes,
  layoutBounds,
  nodeHeight,
  nodeWidth,
  snakeLayout,
  type Box,
  type Side,
} from './dag-layout';

const colours: Record<StageState, string> = {
  pending: '#94a3b8',
  running: '#0284c7',
  succeeded: '#15803d',
  failed: '#b91c1c',
  skipped: '#a16207',
};

const positions: Record<Side, Position> = {
  left: Position.Left,
  right: Position.Right,
  top: Position.Top,
  bottom: Position.Bottom,
};

interface Props {
  states: Record<StageName, StageState>;
  onSelect: (stage: StageName) => void;
}

function useBoxSize(): [React.RefObject<HTMLDivElement | null>, Box | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Box | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

/**
 * The DAG with each stage's state; click a node to open its drawer. Loaded lazily (xyflow is heavy). The view is
 * fixed (no pan or zoom, so a finger on a phone scrolls the page) and recomputed from the box's size on every
 * resize, so all nine stages are in view at every moment of a run.
 */
export default function DagGraph({ states, onSelect }: Props) {
  const [ref, box] = useBoxSize();
  const placed = snakeLayout(stageCatalog, columnsFor(box?.width ?? 1024));
  const viewport = box ? fitViewport(layoutBounds(placed), box) : null;
  const nodes: Node[] = placed.map((stage) => {
    const info = stageCatalog.find((entry) => entry.name === stage.name)!;
    const state = states[stage.name];
    return {
      id: stage.name,
      position: { x: stage.x, y: stage.y },
      width: nodeWidth,
      height: nodeHeight,
      handles: handleBoxes(stage).map((handle) => ({
        type: handle.type,
        position: positions[handle.side],
        x: handle.x,
        y: handle.y,
        width: 1,
        height: 1,
      })),
      sourcePosition: positions[stage.source],
      targetPosition: positions[stage.target],
      data: {
        label: (
          <span className="flex flex-col leading-tight">
            <span className="font-semibold">{info.title}</span>
            <span className="text-[11px]" style={{ color: colours[state] }}>
              {state}
            </span>
          </span>
        ),
      },
      ariaLabel: `${info.title}: ${state}. Open the stage.`,
      style: {
        borderColor: colours[state],
        borderWidth: 2,
        fontSize: 12,
        padding: 4,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      },
    };
  });
  const edges: Edge[] = stageCatalog.flatMap((stage) =>
    stage.dependsOn.map((dependency) => ({
      id: `${dependency}-${stage.name}`,
      source: dependency,
      target: stage.name,
      type: 'smoothstep',
      animated: states[stage.name] === 'running',
    })),
  );
  return (
    <div ref={ref} className={dagBoxClass} data-testid="dag-graph">
      {viewport ? (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          viewport={viewport}
          onViewportChange={() => undefined}
          minZoom={0.05}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          panOnDrag={false}
          panOnScroll={false}
          zoomOnScroll={false}
          zoomOnPinch={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          onNodeClick={(_event, node) => onSelect(node.id as StageName)}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
        </ReactFlow>
      ) : null}
    </div>
  );
}
