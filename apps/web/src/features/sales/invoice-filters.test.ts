import { describe, expect, it } from 'vitest';
import { hasInvoiceFilters, invoiceDateRangeProblem, readInvoiceFilters, writeInvoiceFilters } from './invoice-filters.ts';

describe('invoice filters in the address', () => {
  it('round-trips every filter', () => {
    const filters = {
      fromDate: '2026-11-01',
      toDate: '2026-11-30',
      clinicId: '9a9cba0b-e582-4b06-9567-648f8cf71fab',
      status: 'partially_refunded' as const,
      kind: 'no_show_fee' as const,
    };
    expect(readInvoiceFilters(writeInvoiceFilters(filters))).toEqual(filters);
  });

  it('ignores values it does not know instead of sending them to the server', () => {
    expect(readInvoiceFilters(new URLSearchParams('status=overdue&kind=gift&from=yesterday'))).toEqual({
      fromDate: undefined,
      toDate: undefined,
      clinicId: undefined,
      status: undefined,
      kind: undefined,
    });
  });

  it('knows when anything is filtered', () => {
    expect(hasInvoiceFilters({})).toBe(false);
    expect(hasInvoiceFilters({ kind: 'service' })).toBe(true);
  });

  it('refuses a backwards date range', () => {
    expect(invoiceDateRangeProblem({ fromDate: '2026-11-10', toDate: '2026-11-09' })).toBe('Pick a date on or after the "From" date.');
    expect(invoiceDateRangeProblem({ fromDate: '2026-11-10', toDate: '2026-11-10' })).toBeUndefined();
  });
});
