import type { Entity } from '../../contracts/records';

/**
 * Old field names the `schema_renamed_field` fault writes instead of the current ones, as an upstream
 * producer on an older schema would. The validate stage imports this table to map each old name back to its
 * current field (such records are accepted). Keys are old names, values the schema-version-1 field.
 */
export const driftRenames: Record<Entity, Readonly<Record<string, string>>> = {
  users: { customer_id: 'user_id', email_address: 'email', tier: 'loyalty_tier' },
  products: { item_id: 'product_id', unit_price: 'price', stock: 'stock_qty' },
  events: { timestamp: 'event_ts', customer_id: 'user_id', type: 'event_type' },
  orders: { customer_id: 'user_id', created_at: 'order_ts', amount: 'total' },
};

/** The old name used for a current field, or undefined when that field is never renamed. */
export function oldNameOf(entity: Entity, field: string): string | undefined {
  for (const [oldName, current] of Object.entries(driftRenames[entity]))
    if (current === field) return oldName;
  return undefined;
}
