/** Staff accounts' query keys: Settings → Staff lists every account under one key. */
export const staffQueryKeys = {
  list: () => ['staff'] as const,
};
