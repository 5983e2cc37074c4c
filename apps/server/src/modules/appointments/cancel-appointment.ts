import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { type AppointmentActionResult, feeAction } from './appointment-fee-actions.ts';
import { requestKeyOf } from './appointment-request-keys.ts';
import { assertStatus } from './appointment-rules.ts';

/**
 * Cancels with a reason. With chargeFee, inside the cancellation window, the services'
 * cancellation fee is charged to the card taken at booking; without such a card the
 * request is refused before anything is written (409 no_card_on_file).
 */
export async function cancelAppointment(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  input: { reason: string; chargeFee: boolean },
  meta: RequestMeta,
  requestKey?: string,
): Promise<AppointmentActionResult> {
  const { clock } = deps;
  return feeAction(
    deps,
    actor,
    appointmentId,
    input.chargeFee,
    'cancel',
    'cancellation_fee',
    meta,
    requestKeyOf(requestKey, input),
    async (_tx, appointment) => {
      assertStatus(appointment, ['booked', 'confirmed', 'checked_in'], 'cancel');
      return {
        changes: { status: 'cancelled', cancellationReason: input.reason, cancelledAt: clock.now() },
        event: 'cancelled',
        details: { reason: input.reason, feeRequested: input.chargeFee },
        release: true,
      };
    },
  );
}
