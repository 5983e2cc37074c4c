/** What the booking page caches, under the practice's address. */
export const bookKeys = {
  catalog: (slug: string) => ['book', slug, 'catalog'] as const,
  availability: (slug: string) => ['book', slug, 'availability'] as const,
};
