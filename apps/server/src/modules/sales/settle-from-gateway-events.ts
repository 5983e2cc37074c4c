import { inPractice } from '../../platform/tenancy.ts';
import type { BillingActor, ChargeResult, GatewayEvent } from '../billing/index.ts';
import * as repository from './invoice-repository.ts';
import { recordChargeResult } from './record-payment.ts';
import { recordRefundResult } from './refund-payment.ts';
import type { SalesContext } from './sales-dependencies.ts';

export async function settleFromGatewayEvent(deps: SalesContext, event: Exclude<GatewayEvent, { type: 'ignored' }>): Promise<void> {
  const { database } = deps;
  const practiceId = event.metadata.glowdesk_practice_id;
  if (!practiceId || !/^[0-9a-f-]{36}$/.test(practiceId)) return;
  const webhook: BillingActor = { kind: 'system', label: 'payment gateway webhook' };
  switch (event.type) {
    case 'payment_succeeded':
    case 'payment_failed': {
      const paymentId = event.metadata.payment_id;
      if (!paymentId || !/^[0-9a-f-]{36}$/.test(paymentId)) return;
      const result: ChargeResult =
        event.type === 'payment_succeeded'
          ? { status: 'succeeded', chargeId: event.chargeId, amountCents: event.amountCents, currency: event.currency }
          : {
              status: 'declined',
              chargeId: event.chargeId,
              declineCode: event.declineCode ?? 'declined',
              message: event.message ?? 'The charge failed.',
            };
      await inPractice(database, practiceId, async (tx) => {
        if (await repository.findPayment(tx, practiceId, paymentId))
          await recordChargeResult(deps, tx, practiceId, webhook, paymentId, result, undefined, 'by_sales');
      });
      return;
    }
    case 'refund_updated': {
      const refundId = event.metadata.refund_id;
      if (!refundId || !/^[0-9a-f-]{36}$/.test(refundId)) return;
      const gatewayStatus =
        event.status === 'succeeded' ? 'succeeded' : event.status === 'failed' || event.status === 'canceled' ? 'failed' : 'pending';
      await inPractice(database, practiceId, async (tx) => {
        if (await repository.findRefund(tx, practiceId, refundId)) {
          await recordRefundResult(
            deps,
            tx,
            practiceId,
            webhook,
            refundId,
            { status: 'gateway_update', gatewayStatus, refundId: event.refundId },
            undefined,
          );
        }
      });
      return;
    }
    default: {
      const unreachable: never = event;
      throw new Error(`unknown gateway event ${JSON.stringify(unreachable)}`);
    }
  }
}
