import type { TableRows } from '@/lib/content/table-rows-types';
import { warehouseTables, type TableSpec } from '@/pipeline/contracts/warehouse';

const box = { width: 210, height: 64 };
const width = 760;
const rowY = { top: 16, middle: 178, bottom: 340 };

/** A dimension's surrogate key, and its natural key when it has one: facts reference it by either. */
function dimensionKeys(table: TableSpec): string[] {
  return table.columns
    .map((column) => column.name)
    .filter((name) => /(_sk|_key)$/.test(name) || name === table.name.replace(/^dim_/, '') + '_id');
}

function spread<T>(items: readonly T[], y: number): Array<T & { x: number; y: number }> {
  const gap = (width - items.length * box.width) / (items.length + 1);
  return items.map((item, index) => ({ ...item, x: gap + index * (box.width + gap), y }));
}

/**
 * The star schema drawn from pipeline/contracts/warehouse.ts (so it cannot drift from what the model stage
 * builds): facts in the middle, dimensions above and below, a line for every key a fact shares with a dimension.
 */
export function StarSchema({
  highlight = [],
  tableRows = null,
}: {
  highlight?: string[];
  tableRows?: TableRows | null;
}) {
  const facts = warehouseTables.filter((table) => table.name.startsWith('fact_'));
  const dimensions = warehouseTables.filter((table) => table.name.startsWith('dim_'));
  const half = Math.ceil(dimensions.length / 2);
  const placed = [
    ...spread(dimensions.slice(0, half), rowY.top),
    ...spread(dimensions.slice(half), rowY.bottom),
    ...spread(facts, rowY.middle),
  ];
  const at = new Map(placed.map((table) => [table.name, table]));
  const edges = facts.flatMap((fact) =>
    dimensions.flatMap((dimension) => {
      const key = dimensionKeys(dimension).find((name) =>
        fact.columns.some((column) => column.name === name),
      );
      return key ? [{ fact: fact.name, dimension: dimension.name, key }] : [];
    }),
  );
  const rowsOf = (name: string) => tableRows?.rows[name];
  const description = [
    ...edges.map((edge) => `${edge.fact} references ${edge.dimension} by ${edge.key}.`),
    ...placed.map(
      (table) =>
        `${table.name}: ${table.grain}${rowsOf(table.name) === undefined ? '' : `, ${rowsOf(table.name)} rows`}.`,
    ),
  ].join(' ');
  return (
    <figure className="my-6">
      <svg
        viewBox={`0 0 ${width} ${rowY.bottom + box.height + 16}`}
        role="img"
        aria-labelledby="star-schema-title star-schema-desc"
        className="h-auto w-full"
      >
        <title id="star-schema-title">Star schema of the warehouse</title>
        <desc id="star-schema-desc">{description}</desc>
        {edges.map((edge) => {
          const from = at.get(edge.fact)!;
          const to = at.get(edge.dimension)!;
          const marked = highlight.includes(edge.fact) && highlight.includes(edge.dimension);
          return (
            <line
              key={`${edge.fact}-${edge.dimension}`}
              x1={from.x + box.width / 2}
              y1={from.y + box.height / 2}
              x2={to.x + box.width / 2}
              y2={to.y + box.height / 2}
              className={marked ? 'stroke-amber-500' : 'stroke-slate-400 dark:stroke-slate-600'}
              strokeWidth={marked ? 3 : 1.5}
            />
          );
        })}
        {placed.map((table) => {
          const fact = table.name.startsWith('fact_');
          const marked = highlight.includes(table.name);
          const rows = rowsOf(table.name);
          return (
            <g key={table.name}>
              <rect
                x={table.x}
                y={table.y}
                width={box.width}
                height={box.height}
                rx={8}
                strokeWidth={marked ? 3 : 1.5}
                className={`fill-white dark:fill-slate-900 ${marked ? 'stroke-amber-500' : fact ? 'stroke-brand-600' : 'stroke-emerald-600'}`}
              />
              <text
                x={table.x + 12}
                y={table.y + 26}
                className="fill-slate-900 font-mono text-[15px] font-semibold dark:fill-slate-100"
              >
                {table.name}
              </text>
              <text
                x={table.x + 12}
                y={table.y + 48}
                className="fill-slate-600 text-[12px] dark:fill-slate-300"
              >
                {fact ? 'fact' : 'dimension'}
                {rows === undefined ? '' : ` · ${rows.toLocaleString('en-US')} rows`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Facts (middle, blue) hold measures at their grain; dimensions (green) describe them. Lines are shared
        keys (user_sk or user_id, product_sk or product_id, date_key); fact_orders.user_sk points at the
        dim_user version valid at order time (SCD type 2).
        {tableRows ? ` Row counts from ${tableRows.source}.` : ''}
      </figcaption>
    </figure>
  );
}
