/**
 * The category tree of the simulated shop. Prices are medians in cents; a product's price is log-normal around
 * its subcategory's median, so a learner sees realistic spreads (cables cost less than laptops).
 */
export interface Subcategory {
  name: string;
  slug: string;
  medianPriceCents: number;
  /** Nouns for product names and search terms. */
  nouns: readonly string[];
}
export interface Category {
  name: string;
  slug: string;
  subcategories: readonly Subcategory[];
}

const sub = (name: string, medianPriceCents: number, nouns: string[]): Subcategory => ({
  name,
  slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  medianPriceCents,
  nouns,
});

export const categoryTree: readonly Category[] = [
  {
    name: 'Electronics',
    slug: 'electronics',
    subcategories: [
      sub('Headphones', 7900, ['Headphones', 'Earbuds', 'Headset']),
      sub('Laptops', 89900, ['Laptop', 'Notebook', 'Ultrabook']),
      sub('Phone Accessories', 1900, ['Charger', 'Case', 'Cable', 'Power Bank']),
      sub('Smart Home', 4900, ['Smart Plug', 'Smart Speaker', 'Camera', 'Thermostat']),
    ],
  },
  {
    name: 'Fashion',
    slug: 'fashion',
    subcategories: [
      sub('Shoes', 6900, ['Sneakers', 'Boots', 'Sandals', 'Loafers']),
      sub('Outerwear', 11900, ['Jacket', 'Coat', 'Parka', 'Raincoat']),
      sub('Tops', 2900, ['T-Shirt', 'Shirt', 'Sweater', 'Hoodie']),
      sub('Bags', 5900, ['Backpack', 'Tote', 'Wallet', 'Duffel']),
    ],
  },
  {
    name: 'Home & Kitchen',
    slug: 'home-kitchen',
    subcategories: [
      sub('Cookware', 4500, ['Pan', 'Pot', 'Skillet', 'Dutch Oven']),
      sub('Coffee', 8900, ['Coffee Maker', 'Grinder', 'Kettle', 'Espresso Machine']),
      sub('Bedding', 5500, ['Duvet', 'Pillow', 'Sheet Set', 'Blanket']),
      sub('Storage', 2200, ['Organizer', 'Shelf', 'Basket', 'Container Set']),
    ],
  },
  {
    name: 'Beauty',
    slug: 'beauty',
    subcategories: [
      sub('Skincare', 2400, ['Serum', 'Moisturizer', 'Cleanser', 'Sunscreen']),
      sub('Fragrance', 6500, ['Perfume', 'Cologne', 'Body Mist']),
      sub('Hair Care', 1800, ['Shampoo', 'Conditioner', 'Hair Dryer']),
    ],
  },
  {
    name: 'Sports & Outdoors',
    slug: 'sports-outdoors',
    subcategories: [
      sub('Fitness', 3500, ['Yoga Mat', 'Dumbbells', 'Resistance Bands', 'Kettlebell']),
      sub('Camping', 7500, ['Tent', 'Sleeping Bag', 'Lantern', 'Camp Stove']),
      sub('Cycling', 4500, ['Helmet', 'Bike Light', 'Bike Lock', 'Cycling Gloves']),
    ],
  },
  {
    name: 'Books',
    slug: 'books',
    subcategories: [
      sub('Fiction', 1500, ['Novel', 'Thriller', 'Short Stories']),
      sub('Non-fiction', 2200, ['Biography', 'History Book', 'Cookbook']),
      sub('Technical', 4500, ['Programming Guide', 'Data Handbook', 'Reference Manual']),
    ],
  },
  {
    name: 'Toys & Games',
    slug: 'toys-games',
    subcategories: [
      sub('Board Games', 3500, ['Board Game', 'Card Game', 'Puzzle']),
      sub('Building Sets', 4900, ['Building Set', 'Model Kit', 'Construction Kit']),
    ],
  },
  {
    name: 'Grocery',
    slug: 'grocery',
    subcategories: [
      sub('Snacks', 600, ['Granola', 'Chips', 'Trail Mix', 'Chocolate']),
      sub('Beverages', 900, ['Coffee Beans', 'Green Tea', 'Sparkling Water']),
    ],
  },
];

/** Each subcategory with its parent, flattened in tree order. */
export const subcategories = categoryTree.flatMap((category) =>
  category.subcategories.map((subcategory) => ({ category, subcategory })),
);

/** Countries with their share of users, their cities and the shipping fee outside the free-shipping threshold. */
export const countries = [
  {
    code: 'US',
    share: 40,
    cities: [
      'New York',
      'Los Angeles',
      'Chicago',
      'Houston',
      'Seattle',
      'Austin',
      'Denver',
      'Boston',
      'Atlanta',
      'Miami',
    ],
  },
  {
    code: 'GB',
    share: 12,
    cities: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Bristol', 'Edinburgh'],
  },
  {
    code: 'DE',
    share: 10,
    cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Stuttgart', 'Leipzig'],
  },
  { code: 'FR', share: 8, cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Lille', 'Bordeaux', 'Nantes'] },
  { code: 'CA', share: 7, cities: ['Toronto', 'Montreal', 'Vancouver', 'Calgary', 'Ottawa'] },
  { code: 'AU', share: 5, cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide'] },
  { code: 'NL', share: 4, cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'The Hague', 'Eindhoven'] },
  { code: 'ES', share: 4, cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao'] },
  { code: 'IT', share: 4, cities: ['Rome', 'Milan', 'Naples', 'Turin', 'Bologna'] },
  { code: 'SE', share: 3, cities: ['Stockholm', 'Gothenburg', 'Malmo', 'Uppsala'] },
  { code: 'JP', share: 3, cities: ['Tokyo', 'Osaka', 'Yokohama', 'Nagoya', 'Sapporo'] },
] as const;
