import { invoiceKindSchema, invoiceStatusSchema, type InvoiceKind, type InvoiceStatus } from '@glowdesk/contracts';

/** The Sales list's filters as chosen; dates are local dates in the clinic's zone (the practice's for all clinics). */
export interface InvoiceFilters {
  fromDate?: string | undefined;
  toDate?: string | undefined;
  clinicId?: string | undefined;
  status?: InvoiceStatus | undefined;
  kind?: InvoiceKind | undefined;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function localDateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && LOCAL_DATE.test(value) ? value : undefined;
}

/** Filters live in the address, so a filtered list can be bookmarked, shared, and is still there after opening an invoice. */
export function readInvoiceFilters(params: URLSearchParams): InvoiceFilters {
  const status = invoiceStatusSchema.safeParse(params.get('status'));
  const kind = invoiceKindSchema.safeParse(params.get('kind'));
  return {
    fromDate: localDateParam(params, 'from'),
    toDate: localDateParam(params, 'to'),
    clinicId: params.get('clinic') || undefined,
    status: status.success ? status.data : undefined,
    kind: kind.success ? kind.data : undefined,
  };
}

export function writeInvoiceFilters(filters: InvoiceFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.fromDate) params.set('from', filters.fromDate);
  if (filters.toDate) params.set('to', filters.toDate);
  if (filters.clinicId) params.set('clinic', filters.clinicId);
  if (filters.status) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  return params;
}

export function hasInvoiceFilters(filters: InvoiceFilters): boolean {
  return Boolean(filters.fromDate || filters.toDate || filters.clinicId || filters.status || filters.kind);
}

/** The date range is backwards; ISO local dates compare correctly as strings. */
export function invoiceDateRangeProblem(filters: InvoiceFilters): string | undefined {
  if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate) return 'Pick a date on or after the "From" date.';
  return undefined;
}
