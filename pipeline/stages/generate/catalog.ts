import type { Random } from '../../core/random';
import type { ProductRecord } from '../../contracts/records';
import { createAliasTable, zipfWeights, type AliasTable } from './alias-table';
import { categoryTree, subcategories } from './catalog-tree';
import type { IdFactory } from './ids';
import type { Pools } from './pools';
import { DAY_MS, formatIso } from './time-format';

/**
 * The product catalog, column-wise. Popularity is Zipf-like (exponent 1.07) over a shuffled ranking, so a
 * few products get most views whatever their id; about 8 % of products are inactive (discontinued) and never
 * appear in sessions. Stock decreases with every purchase and a product that sells out cannot be added to a cart.
 */
export interface Catalog {
  count: number;
  ids: string[];
  skus: string[];
  names: string[];
  subcategory: Uint8Array;
  brand: string[];
  priceCents: Int32Array;
  costCents: Int32Array;
  initialStock: Int32Array;
  stock: Int32Array;
  supplier: Uint8Array;
  active: Uint8Array;
  createdMs: Float64Array;
  lastSaleMs: Float64Array;
  /** Samples an active product by popularity. */
  popular: AliasTable;
  popularProducts: Int32Array;
  /** Per category (index into categoryTree): an alias table over its active products and the products themselves. */
  byCategory: Array<{ table: AliasTable; products: Int32Array } | null>;
  bySubcategory: Array<{ table: AliasTable; products: Int32Array } | null>;
}

export const popularityExponent = 1.07;

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

function groupTable(
  products: number[],
  weights: Float64Array,
): { table: AliasTable; products: Int32Array } | null {
  if (products.length === 0) return null;
  return {
    table: createAliasTable(products.map((product) => weights[product]!)),
    products: Int32Array.from(products),
  };
}

export function createCatalog(
  count: number,
  expectedUnitsSold: number,
  startMs: number,
  pools: Pools,
  ids: IdFactory,
  random: Random,
): Catalog {
  const createdMs = new Float64Array(count);
  for (let index = 0; index < count; index++)
    createdMs[index] = Math.floor(startMs - DAY_MS * (30 + random.next() * 700));
  createdMs.sort();
  const catalog: Catalog = {
    count,
    ids: [],
    skus: [],
    names: [],
    subcategory: new Uint8Array(count),
    brand: [],
    priceCents: new Int32Array(count),
    costCents: new Int32Array(count),
    initialStock: new Int32Array(count),
    stock: new Int32Array(count),
    supplier: new Uint8Array(count),
    active: new Uint8Array(count),
    createdMs,
    lastSaleMs: new Float64Array(count),
    popular: createAliasTable([1]),
    popularProducts: new Int32Array(0),
    byCategory: [],
    bySubcategory: [],
  };
  for (let index = 0; index < count; index++) {
    const subIndex = random.int(0, subcategories.length - 1);
    const { category, subcategory } = subcategories[subIndex]!;
    const brands = pools.brandsBySubcategory[subIndex]!;
    const brand = brands[random.int(0, brands.length - 1)]!;
    const noun = subcategory.nouns[random.int(0, subcategory.nouns.length - 1)]!;
    const adjective = pools.adjectives[random.int(0, pools.adjectives.length - 1)]!;
    const material =
      random.next() < 0.4 ? `${pools.materials[random.int(0, pools.materials.length - 1)]} ` : '';
    const sku = `${category.slug.slice(0, 3).toUpperCase()}-${subcategory.slug.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(5, '0')}`;
    const price = Math.max(
      199,
      Math.round((subcategory.medianPriceCents * Math.exp(0.45 * gaussian(random))) / 100) * 100 - 1,
    );
    catalog.ids.push(ids.next(createdMs[index]!));
    catalog.skus.push(sku);
    catalog.names.push(`${brand} ${adjective} ${material}${noun}`);
    catalog.brand.push(brand);
    catalog.subcategory[index] = subIndex;
    catalog.priceCents[index] = price;
    catalog.costCents[index] = Math.round(price * (0.35 + random.next() * 0.35));
    catalog.supplier[index] = random.int(0, pools.suppliers.length - 1);
    catalog.active[index] = random.next() < 0.92 ? 1 : 0;
    catalog.lastSaleMs[index] = createdMs[index]!;
  }
  const active: number[] = [];
  for (let index = 0; index < count; index++) if (catalog.active[index] === 1) active.push(index);
  // Shuffle the popularity ranking (Fisher–Yates) so rank is independent of id and creation order.
  for (let index = active.length - 1; index > 0; index--) {
    const swap = random.int(0, index);
    [active[index], active[swap]] = [active[swap]!, active[index]!];
  }
  const rankWeights = zipfWeights(active.length, popularityExponent);
  const weightOf = new Float64Array(count);
  let totalWeight = 0;
  active.forEach((product, rank) => {
    weightOf[product] = rankWeights[rank]!;
    totalWeight += rankWeights[rank]!;
  });
  for (let index = 0; index < count; index++) {
    // Stock covers between 0.6× and 3× the product's expected demand: popular products can sell out.
    const expected = (weightOf[index]! / totalWeight) * expectedUnitsSold;
    catalog.initialStock[index] = Math.round(expected * (0.6 + random.next() * 2.4)) + random.int(3, 40);
    catalog.stock[index] = catalog.initialStock[index]!;
  }
  catalog.popular = createAliasTable(rankWeights);
  catalog.popularProducts = Int32Array.from(active);
  catalog.byCategory = categoryTree.map((category) =>
    groupTable(
      active.filter((product) => subcategories[catalog.subcategory[product]!]!.category === category),
      weightOf,
    ),
  );
  catalog.bySubcategory = subcategories.map((_, subIndex) =>
    groupTable(
      active.filter((product) => catalog.subcategory[product] === subIndex),
      weightOf,
    ),
  );
  return catalog;
}

const cents = (value: number): number => value / 100;

export function productRecordOf(catalog: Catalog, pools: Pools, product: number): ProductRecord {
  const { category, subcategory } = subcategories[catalog.subcategory[product]!]!;
  const supplier = pools.suppliers[catalog.supplier[product]!]!;
  return {
    product_id: catalog.ids[product]!,
    sku: catalog.skus[product]!,
    name: catalog.names[product]!,
    category: category.name,
    subcategory: subcategory.name,
    brand: catalog.brand[product]!,
    price: cents(catalog.priceCents[product]!),
    cost: cents(catalog.costCents[product]!),
    currency: 'USD',
    stock_qty: catalog.stock[product]!,
    supplier_id: supplier.id,
    supplier_name: supplier.name,
    is_active: catalog.active[product] === 1,
    created_at: formatIso(catalog.createdMs[product]!),
    updated_at: formatIso(catalog.lastSaleMs[product]!),
  };
}
