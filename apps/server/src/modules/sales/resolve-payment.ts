import { type PaymentChoice, type WalletMoneyBalance } from '@glowdesk/contracts';
import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { SalesContext } from './sales-dependencies.ts';

/** A card, cash, or a card saved from a new token: what an invoice is paid with, resolved outside transactions. */
export type ResolvedPayment =
  | { method: 'card_on_file' | 'new_card'; paymentMethodId: string }
  | { method: 'cash'; amountTenderedCents?: number | undefined }
  | { method: 'wallet_credit'; balance: WalletMoneyBalance };

/** Saves a new card's token to the patient first (a gateway call, outside any transaction). */
export async function resolvePayment(
  deps: SalesContext,
  actor: StaffActor | PatientBillingActor,
  patientId: string,
  choice: PaymentChoice,
  meta: RequestMeta,
): Promise<ResolvedPayment> {
  const { billing } = deps;
  switch (choice.method) {
    case 'card_on_file':
      return { method: 'card_on_file', paymentMethodId: choice.paymentMethodId };
    case 'cash':
      return { method: 'cash', amountTenderedCents: choice.amountTenderedCents };
    case 'wallet_credit':
      return { method: 'wallet_credit', balance: choice.balance ?? 'credits' };
    case 'new_card':
      try {
        const { paymentMethod } = await billing.addPaymentMethod(actor, patientId, { gatewayToken: choice.gatewayToken }, meta);
        return { method: 'new_card', paymentMethodId: paymentMethod.id };
      } catch (error) {
        if (error instanceof ValidationError && error.field === 'gatewayToken') {
          throw new ValidationError(error.message, { field: 'payment.gatewayToken', code: error.code });
        }
        throw error;
      }
    default: {
      const unreachable: never = choice;
      throw new Error(`unknown payment method ${JSON.stringify(unreachable)}`);
    }
  }
}
