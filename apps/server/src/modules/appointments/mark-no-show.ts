import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { type AppointmentActionResult, feeAction } from './appointment-fee-actions.ts';
import { requestKeyOf } from './appointment-request-keys.ts';
import { assertStatus } from './appointment-rules.ts';
import { localDateOf } from './clinic-local-time.ts';

/**
 * Only on the appointment's local day in its clinic's zone, or later. With chargeFee the
 * services' no-show fee is charged to the card taken at booking (the reference's pop-up
 * is offered only then; feePolicy.cardOnFile says so).
 */
export async function markNoShow(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  input: { chargeFee: boolean },
  meta: RequestMeta,
  requestKey?: string,
): Promise<AppointmentActionResult> {
  const { clock, catalog } = deps;
  const keyed = requestKeyOf(requestKey, input);
  return feeAction(deps, actor, appointmentId, input.chargeFee, 'no_show', 'no_show_fee', meta, keyed, async (tx, appointment) => {
    if (appointment.kind !== 'appointment')
      throw new ConflictError('An out-of-office block cannot be a no-show.', 'invalid_status', { field: 'kind' });
    assertStatus(appointment, ['booked', 'confirmed'], 'mark as a no-show');
    const clinics = await catalog.findClinics(tx, actor.practiceId, [appointment.clinicId]);
    const zone = clinics.get(appointment.clinicId)?.timezone ?? 'UTC';
    const today = localDateOf(clock.now(), zone);
    const day = localDateOf(appointment.startsAt, zone);
    if (day > today) {
      throw new ConflictError(
        `You can mark a no-show only on the day of the appointment (${day}) or later; today is ${today} in ${zone}.`,
        'too_early_for_no_show',
        { field: 'appointmentId' },
      );
    }
    return {
      changes: { status: 'no_show', noShowMarkedAt: clock.now(), noShowFeeRequested: input.chargeFee },
      event: 'no_show',
      details: { feeRequested: input.chargeFee },
      release: true,
    };
  });
}
