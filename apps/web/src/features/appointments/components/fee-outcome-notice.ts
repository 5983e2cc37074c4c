import type { FeeOutcome } from '@glowdesk/contracts';
import { notifications } from '@mantine/notifications';
import { createElement } from 'react';
import { InvoiceNoticeMessage } from '../../sales/components/invoice-notice-message.tsx';
import { formatMoney } from '../../../shared/format/money.ts';

/**
 * Tells the front desk what happened to a requested fee: paid, or why not (the invoice then
 * waits in Sales). With `openInvoice`, the notice links to the fee's invoice.
 */
export function showFeeOutcome(fee: FeeOutcome | null | undefined, openInvoice?: (invoiceId: string) => void): void {
  if (!fee) return;
  const id = `fee-outcome-${fee.invoiceId}`;
  notifications.show({
    id,
    color: fee.status === 'paid' ? 'lagoon' : 'orange',
    title: fee.status === 'paid' ? `${formatMoney(fee.amountCents, fee.currency)} fee charged` : 'The fee was not charged',
    message: openInvoice
      ? createElement(InvoiceNoticeMessage, {
          message: fee.message,
          invoiceNumber: fee.invoiceNumber,
          onOpen: () => {
            notifications.hide(id);
            openInvoice(fee.invoiceId);
          },
        })
      : fee.message,
    autoClose: fee.status === 'paid' ? 6000 : false,
  });
}
