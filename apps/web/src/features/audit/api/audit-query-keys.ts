import type { AuditFilters } from '../audit-filters.ts';

const auditRoot = ['audit-events'] as const;

/** The audit log's query keys: one page list per practice zone and filter set, all under one root. */
export const auditQueryKeys = {
  all: () => auditRoot,
  events: (timeZone: string, filters: AuditFilters) => [...auditRoot, timeZone, filters] as const,
};
