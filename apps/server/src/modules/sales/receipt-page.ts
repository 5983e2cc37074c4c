import { invoiceKindLabels, invoiceStatusLabels } from '@glowdesk/contracts';
import { Temporal } from 'temporal-polyfill';
import { formatMoney } from '../../platform/format-money.ts';
import type { InvoiceDetail } from './invoice-views.ts';
import type { ClinicAddress } from './sales-dependencies.ts';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the page goes through here: names and reasons are typed by people. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function localTime(instant: Date, timeZone: string): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return `${zoned.toPlainDate().toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric' })}, ${zoned
    .toPlainTime()
    .toLocaleString('en-US', { hour: 'numeric', minute: '2-digit' })}`;
}

const paymentLabels = { card_on_file: 'Card on file', new_card: 'Card', cash: 'Cash', wallet_credit: 'Wallet credit' } as const;

/**
 * A printable receipt: practice and clinic, invoice number and date, lines, totals,
 * payments and refunds. Self-contained HTML with print styles; no scripts.
 */
export function renderReceiptPage(input: { practiceName: string; clinic: ClinicAddress; detail: InvoiceDetail }): string {
  const { practiceName, clinic, detail } = input;
  const { invoice } = detail;
  const money = (cents: number) => escapeHtml(formatMoney(cents, invoice.currency));
  const zone = clinic.timezone;
  const address = [
    clinic.addressLine1,
    clinic.addressLine2,
    [clinic.city, clinic.region, clinic.postalCode].filter(Boolean).join(', '),
    clinic.country,
    clinic.phone,
  ]
    .filter((part): part is string => Boolean(part))
    .map((part) => `<div>${escapeHtml(part)}</div>`)
    .join('');
  const patient = detail.patient ? `${detail.patient.firstName} ${detail.patient.lastName}` : '';
  const lines = detail.lines
    .map(
      (line) =>
        `<tr class="line-${line.kind}"><td>${escapeHtml(line.description)}</td><td class="num">${line.quantity}</td>` +
        `<td class="num">${money(line.unitAmountCents)}</td><td class="num">${money(line.totalCents)}</td></tr>`,
    )
    .join('');
  const payments = detail.payments
    .filter((payment) => payment.status === 'succeeded')
    .map((payment) => {
      const card = payment.cardLast4 ? ` ${escapeHtml(payment.cardBrand ?? '')} •••• ${escapeHtml(payment.cardLast4)}` : '';
      const change = payment.changeDueCents
        ? ` (tendered ${money(payment.amountTenderedCents ?? 0)}, change ${money(payment.changeDueCents)})`
        : '';
      return `<tr><td>${escapeHtml(localTime(payment.settledAt ?? payment.createdAt, zone))}</td><td>${paymentLabels[payment.method]}${card}${change}</td><td class="num">${money(payment.amountCents)}</td></tr>`;
    })
    .join('');
  const refunds = detail.refunds
    .filter((refund) => refund.status === 'succeeded' || refund.status === 'processing')
    .map(
      (refund) =>
        `<tr><td>${escapeHtml(localTime(refund.createdAt, zone))}</td><td>Refund (${refund.method === 'cash' ? 'cash' : 'to card'}): ${escapeHtml(refund.reason)}</td><td class="num">−${money(refund.amountCents)}</td></tr>`,
    )
    .join('');
  const totals = [
    ['Subtotal', invoice.subtotalCents],
    ...(invoice.discountCents > 0 ? [['Discount', -invoice.discountCents] as const] : []),
    ...(invoice.taxCents > 0 ? [['Tax', invoice.taxCents] as const] : []),
    ['Total', invoice.totalCents],
    ['Paid', invoice.amountPaidCents],
    ...(invoice.amountRefundedCents > 0 ? [['Refunded', -invoice.amountRefundedCents] as const] : []),
    ['Balance due', invoice.totalCents - invoice.amountPaidCents],
  ] as const;
  const totalRows = totals
    .map(([label, cents]) => `<tr class="${label === 'Total' ? 'grand' : ''}"><th>${label}</th><td class="num">${money(cents)}</td></tr>`)
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Receipt #${invoice.number} — ${escapeHtml(practiceName)}</title>
<style>
  :root { color: #1f2328; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f4f5f7; }
  main { max-width: 720px; margin: 24px auto; background: #fff; padding: 40px 48px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  header { display: flex; justify-content: space-between; gap: 24px; border-bottom: 2px solid #1f2328; padding-bottom: 16px; margin-bottom: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: #57606a; margin: 28px 0 8px; }
  .meta { text-align: right; }
  .meta .number { font-size: 18px; font-weight: 600; }
  .status { display: inline-block; margin-top: 6px; padding: 2px 10px; border: 1px solid currentColor; border-radius: 999px; font-size: 12px; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 6px 0; vertical-align: top; }
  thead th { font-size: 12px; color: #57606a; border-bottom: 1px solid #d0d7de; }
  tbody tr + tr td { border-top: 1px solid #eaeef2; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; padding-left: 16px; }
  .totals { width: 280px; margin-left: auto; margin-top: 16px; }
  .totals th { font-weight: 400; color: #57606a; }
  .totals .grand th, .totals .grand td { font-weight: 700; color: #1f2328; border-top: 1px solid #1f2328; }
  .line-discount td { color: #1a7f37; }
  footer { margin-top: 36px; font-size: 12px; color: #57606a; text-align: center; }
  @media print {
    body { background: #fff; }
    main { margin: 0; max-width: none; box-shadow: none; border-radius: 0; padding: 0; }
    @page { margin: 18mm; }
  }
</style>
</head>
<body>
<main>
  <header>
    <div>
      <h1>${escapeHtml(practiceName)}</h1>
      <div><strong>${escapeHtml(clinic.name)}</strong></div>
      ${address}
    </div>
    <div class="meta">
      <div class="number">Receipt #${invoice.number}</div>
      <div>${escapeHtml(invoiceKindLabels[invoice.kind])}</div>
      <div>${escapeHtml(localTime(invoice.createdAt, zone))}</div>
      <div class="status">${escapeHtml(invoiceStatusLabels[invoice.status])}</div>
    </div>
  </header>
  <div><strong>Billed to:</strong> ${escapeHtml(patient)}</div>
  ${detail.appointment ? `<div><strong>Appointment:</strong> ${escapeHtml(localTime(detail.appointment.startsAt, detail.appointment.timeZone))}${detail.appointment.providerName ? ` with ${escapeHtml(detail.appointment.providerName)}` : ''}</div>` : ''}
  <h2>Items</h2>
  <table>
    <thead><tr><th>Description</th><th class="num">Qty</th><th class="num">Unit</th><th class="num">Amount</th></tr></thead>
    <tbody>${lines}</tbody>
  </table>
  <table class="totals"><tbody>${totalRows}</tbody></table>
  ${payments ? `<h2>Payments</h2><table><tbody>${payments}</tbody></table>` : ''}
  ${refunds ? `<h2>Refunds</h2><table><tbody>${refunds}</tbody></table>` : ''}
  ${invoice.voidedAt ? `<h2>Void</h2><p>${escapeHtml(invoice.voidReason ?? '')}</p>` : ''}
  <footer>Amounts in ${escapeHtml(invoice.currency)}. Thank you.</footer>
</main>
</body>
</html>
`;
}
