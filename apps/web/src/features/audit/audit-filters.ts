import { auditOutcomes, type AuditOutcome } from './audit-vocabulary.ts';

/** The audit log's filters as the user chose them; dates are local dates in the practice's zone. */
export interface AuditFilters {
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
  fromDate?: string | undefined;
  toDate?: string | undefined;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function localDateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && LOCAL_DATE.test(value) ? value : undefined;
}

/** Filters live in the address so a filtered view can be bookmarked or shared. */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const outcome = params.get('outcome');
  return {
    action: params.get('action') || undefined,
    outcome: auditOutcomes.find((known) => known === outcome),
    fromDate: localDateParam(params, 'from'),
    toDate: localDateParam(params, 'to'),
  };
}

export function writeAuditFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.outcome) params.set('outcome', filters.outcome);
  if (filters.fromDate) params.set('from', filters.fromDate);
  if (filters.toDate) params.set('to', filters.toDate);
  return params;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.action || filters.outcome || filters.fromDate || filters.toDate);
}

/** The date range is backwards; ISO local dates compare correctly as strings. */
export function dateRangeProblem(filters: AuditFilters): string | undefined {
  if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate) return 'Pick a date on or after the "From" date.';
  return undefined;
}
