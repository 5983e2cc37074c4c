import type { Membership, MembershipDetail, MembershipStatus } from '@glowdesk/contracts';
import { cardLabel } from '../../shared/format/card-label.ts';
import { formatMoney } from '../../shared/format/money.ts';

/** A membership whose payment failed: its patient is asked to update the card (and pays what is owed at once). */
export function owesPayment(status: MembershipStatus): boolean {
  return status === 'past_due' || status === 'suspended';
}

/** Whether the patient may put another card on the membership (not once it is cancelled). */
export function mayUpdateCard(status: MembershipStatus): boolean {
  return status !== 'cancelled';
}

/** The card to offer first: the default card when it is not the one that failed, else another card, else the current one. */
export function suggestedCardId(
  cards: readonly { id: string; isDefault: boolean }[],
  current: { id: string },
  owes: boolean,
): string | null {
  const others = owes ? cards.filter((card) => card.id !== current.id) : cards;
  return others.find((card) => card.isDefault)?.id ?? others[0]?.id ?? cards.find((card) => card.id === current.id)?.id ?? null;
}

/** What the page says once the card is updated: the outstanding payment charged, or just the new card. */
export function updatedMessage(before: Pick<Membership, 'status'>, after: MembershipDetail): string {
  const card = cardLabel(after.paymentMethod);
  if (!owesPayment(before.status)) return `Your ${after.planName} membership is now paid with your ${card}.`;
  const charged = after.periods
    .filter((period) => period.status === 'paid')
    .sort((a, b) => b.number - a.number)
    .at(0);
  const amount = charged ? ` ${formatMoney(charged.amountCents, after.currency)}` : ' the outstanding payment';
  return `Your ${card} was charged${amount} and your ${after.planName} membership is ${after.status === 'active' ? 'active again' : 'up to date'}.`;
}
