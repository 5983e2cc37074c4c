/** Which setup records a list shows. */
export type StatusFilter = 'active' | 'inactive' | 'all';

export function filterByStatus<T extends { active: boolean }>(records: readonly T[], filter: StatusFilter): T[] {
  if (filter === 'all') return [...records];
  return records.filter((record) => record.active === (filter === 'active'));
}
