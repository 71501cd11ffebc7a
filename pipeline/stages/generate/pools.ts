import { en, Faker } from '@faker-js/faker';
import { subcategories } from './catalog-tree';

/**
 * Value pools built once per dataset with a seeded Faker instance; the hot path only indexes into them.
 * Faker is seeded from the dataset seed and its reference date pinned to the window start, so the pools (and
 * everything drawn from them) are reproducible.
 */
export interface Pools {
  firstNames: string[];
  lastNames: string[];
  emailDomains: string[];
  /** Brands per subcategory index (same order as `subcategories`). */
  brandsBySubcategory: string[][];
  adjectives: string[];
  materials: string[];
  suppliers: Array<{ id: string; name: string }>;
}

const asciiOnly = (value: string): boolean => /^[A-Za-z][A-Za-z' -]*$/.test(value);

function uniqueValues(
  make: () => string,
  count: number,
  accept: (value: string) => boolean = asciiOnly,
): string[] {
  const values = new Set<string>();
  // Faker's lists are finite; stop after enough attempts rather than spin when a list is shorter than asked.
  for (let attempt = 0; values.size < count && attempt < count * 20; attempt++) {
    const value = make();
    if (accept(value)) values.add(value);
  }
  return [...values];
}

export function buildPools(seed: number, startMs: number): Pools {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  faker.setDefaultRefDate(startMs);
  const firstNames = uniqueValues(() => faker.person.firstName(), 400);
  const lastNames = uniqueValues(() => faker.person.lastName(), 400);
  const emailDomains = [
    'gmail.com',
    'outlook.com',
    'yahoo.com',
    'icloud.com',
    'proton.me',
    'gmx.de',
    'hotmail.co.uk',
  ];
  const companyWord = () => faker.company.name().split(/[\s,-]+/)[0] ?? 'Acme';
  const brandSuffixes = ['', ' Labs', ' & Co', ' Works', ' Studio', ' Goods', ' Supply'];
  const brandsBySubcategory = subcategories.map(() =>
    uniqueValues(() => `${companyWord()}${brandSuffixes[faker.number.int(brandSuffixes.length - 1)]}`, 8),
  );
  const adjectives = uniqueValues(
    () => faker.commerce.productAdjective(),
    30,
    () => true,
  );
  const materials = uniqueValues(
    () => faker.commerce.productMaterial(),
    15,
    () => true,
  );
  // Company names such as "Smith, Jones and Brown" carry commas: the CSV writer must quote them.
  const supplierNames = uniqueValues(
    () => faker.company.name(),
    40,
    () => true,
  );
  const suppliers = supplierNames.map((name, index) => ({
    id: `SUP-${String(index + 1).padStart(4, '0')}`,
    name,
  }));
  return { firstNames, lastNames, emailDomains, brandsBySubcategory, adjectives, materials, suppliers };
}
