/** The invoice page in Sales. */
export function invoicePath(invoiceId: string): string {
  return `/sales/invoices/${encodeURIComponent(invoiceId)}`;
}

export const SALES_PATH = '/sales';

/**
 * Where an invoice's appointment can be seen: its day on the appointment book, or the No Shows
 * list for that day (a no-show is no longer on the book).
 */
export function appointmentDayPath(appointmentStatus: string, clinicId: string, localDate: string): string {
  const clinic = encodeURIComponent(clinicId);
  return appointmentStatus === 'no_show'
    ? `/appointments/no-shows?clinic=${clinic}&from=${localDate}&to=${localDate}`
    : `/appointments?clinic=${clinic}&date=${localDate}`;
}
