'use client';

import { Background, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { stageCatalog, type StageName } from '@/pipeline/contracts/stages';
import type { StageState } from './console-types';

const colours: Record<StageState, string> = {
  pending: '#94a3b8',
  running: '#0284c7',
  succeeded: '#15803d',
  failed: '#b91c1c',
  skipped: '#a16207',
};

/** Column of a stage = the length of its longest dependency chain: a layered layout that suits this DAG. */
function depth(name: StageName): number {
  const info = stageCatalog.find((stage) => stage.name === name)!;
  return info.dependsOn.length === 0 ? 0 : 1 + Math.max(...info.dependsOn.map(depth));
}

interface Props {
  states: Record<StageName, StageState>;
  onSelect: (stage: StageName) => void;
}

/** The DAG with each stage's state; click a node to open its drawer. Loaded lazily (xyflow is heavy). */
export default function DagGraph({ states, onSelect }: Props) {
  const nodes: Node[] = stageCatalog.map((stage) => {
    const column = depth(stage.name);
    return {
      id: stage.name,
      position: { x: (column % 5) * 170, y: Math.floor(column / 5) * 90 },
      data: { label: `${stage.title} · ${states[stage.name]}` },
      style: { borderColor: colours[states[stage.name]], borderWidth: 2, fontSize: 12, width: 150 },
    };
  });
  const edges: Edge[] = stageCatalog.flatMap((stage) =>
    stage.dependsOn.map((dependency) => ({ id: `${dependency}-${stage.name}`, source: dependency, target: stage.name, animated: states[stage.name] === 'running' })),
  );
  return (
    <div className="h-56 rounded-lg border border-slate-200 dark:border-slate-800" data-testid="dag-graph">
      <ReactFlow nodes={nodes} edges={edges} fitView nodesDraggable={false} nodesConnectable={false} onNodeClick={(_event, node) => onSelect(node.id as StageName)} proOptions={{ hideAttribution: true }}>
        <Background />
      </ReactFlow>
    </div>
  );
}
