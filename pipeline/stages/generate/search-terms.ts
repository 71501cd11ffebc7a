import type { Random } from '../../core/random';
import { createAliasTable, zipfWeights, type AliasTable } from './alias-table';
import { subcategories } from './catalog-tree';
import type { Pools } from './pools';

/**
 * What users type into the search box: nouns, adjective + noun, brand + noun. Query popularity is Zipf-like
 * too. Each query belongs to a subcategory, so the product views that follow a search stay on topic.
 */
export interface SearchTerms {
  /** JSON string literals of the queries. */
  queryJson: string[];
  queries: string[];
  subcategoryOf: Uint8Array;
  popular: AliasTable;
}

export function createSearchTerms(pools: Pools, random: Random): SearchTerms {
  const entries: Array<{ query: string; subcategory: number }> = [];
  const seen = new Set<string>();
  const add = (query: string, subcategory: number) => {
    const normalized = query.toLowerCase();
    if (seen.has(normalized)) return;
    seen.add(normalized);
    entries.push({ query: normalized, subcategory });
  };
  subcategories.forEach(({ subcategory }, subIndex) => {
    add(subcategory.name, subIndex);
    for (const noun of subcategory.nouns) {
      add(noun, subIndex);
      add(`${pools.adjectives[random.int(0, pools.adjectives.length - 1)]} ${noun}`, subIndex);
      const brands = pools.brandsBySubcategory[subIndex]!;
      add(`${brands[random.int(0, brands.length - 1)]} ${noun}`, subIndex);
    }
  });
  for (let index = entries.length - 1; index > 0; index--) {
    const swap = random.int(0, index);
    [entries[index], entries[swap]] = [entries[swap]!, entries[index]!];
  }
  return {
    queries: entries.map((entry) => entry.query),
    queryJson: entries.map((entry) => JSON.stringify(entry.query)),
    subcategoryOf: Uint8Array.from(entries.map((entry) => entry.subcategory)),
    popular: createAliasTable(zipfWeights(entries.length, 0.9)),
  };
}
