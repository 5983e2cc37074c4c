import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRequestAction } from './appointments-tables.ts';

/** True when this Idempotency-Key already did this action on this appointment (then replay); refuses a key reused elsewhere. */
export async function seenRequestKey(
  tx: Transaction,
  actor: StaffActor,
  requestKey: string | undefined,
  action: AppointmentRequestAction,
  appointmentId: string,
): Promise<boolean> {
  if (!requestKey) return false;
  const earlier = await repository.findRequestKey(tx, actor.practiceId, requestKey);
  if (!earlier) return false;
  if (earlier.action !== action || earlier.appointmentId !== appointmentId) {
    throw new ConflictError('This Idempotency-Key was already used for another request.', 'idempotency_key_reused', {
      field: 'Idempotency-Key',
    });
  }
  return true;
}

export async function rememberRequestKey(
  deps: AppointmentContext,
  tx: Transaction,
  actor: StaffActor,
  requestKey: string | undefined,
  action: AppointmentRequestAction,
  appointmentId: string,
): Promise<void> {
  const { clock } = deps;
  if (requestKey)
    await repository.insertRequestKey(tx, actor.practiceId, {
      idempotencyKey: requestKey,
      action,
      appointmentId,
      createdAt: clock.now(),
    });
}

/** Concurrent requests with one key: the loser of the insert race replays the winner. */
export function isRequestKeyRace(error: unknown): boolean {
  return sqlStateOf(error) === '23505' && constraintOf(error) === 'appointment_request_keys_pkey';
}
