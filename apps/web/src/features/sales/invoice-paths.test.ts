import { describe, expect, it } from 'vitest';
import { appointmentDayPath, invoicePath } from './invoice-paths.ts';

describe('invoice paths', () => {
  it('links an invoice page', () => {
    expect(invoicePath('1fe1e5c3-a1cf-46d3-be0b-be149bdf7164')).toBe('/sales/invoices/1fe1e5c3-a1cf-46d3-be0b-be149bdf7164');
  });

  it('sends a no-show to the No Shows list of its day, any other appointment to its day on the book', () => {
    expect(appointmentDayPath('no_show', 'c1', '2026-11-20')).toBe('/appointments/no-shows?clinic=c1&from=2026-11-20&to=2026-11-20');
    expect(appointmentDayPath('completed', 'c1', '2026-11-20')).toBe('/appointments?clinic=c1&date=2026-11-20');
  });
});
