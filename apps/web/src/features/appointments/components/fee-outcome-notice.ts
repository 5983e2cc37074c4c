import type { FeeOutcome } from '@glowdesk/contracts';
import { notifications } from '@mantine/notifications';
import { formatMoney } from '../format-money.ts';

/** Tells the front desk what happened to a requested fee: paid, or why not (the invoice then waits in Sales). */
export function showFeeOutcome(fee: FeeOutcome | null | undefined): void {
  if (!fee) return;
  notifications.show({
    color: fee.status === 'paid' ? 'lagoon' : 'orange',
    title: fee.status === 'paid' ? `${formatMoney(fee.amountCents, fee.currency)} fee charged` : 'The fee was not charged',
    message: fee.message,
    autoClose: fee.status === 'paid' ? 6000 : false,
  });
}
