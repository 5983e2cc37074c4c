import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import { fingerprintRequest, isSameRequest } from '../../platform/request-fingerprint.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRequestAction } from './appointments-tables.ts';

/** An Idempotency-Key with the fingerprint of the body it was sent with. */
export interface RequestKey {
  key: string;
  fingerprint: string;
}

/** The request's Idempotency-Key bound to its parsed body; undefined when it sent no key. */
export function requestKeyOf(key: string | undefined, body: unknown): RequestKey | undefined {
  return key === undefined ? undefined : { key, fingerprint: fingerprintRequest(body) };
}

/** The 409 for an Idempotency-Key sent again with another request. */
export function keyReusedError(): ConflictError {
  return new ConflictError('This Idempotency-Key was already used for another request.', 'idempotency_key_reused', {
    field: 'Idempotency-Key',
  });
}

/**
 * True when this Idempotency-Key already did this action on this appointment with the same
 * body (then replay); refuses a key reused for another action, appointment or body.
 */
export async function seenRequestKey(
  tx: Transaction,
  actor: StaffActor,
  requestKey: RequestKey | undefined,
  action: AppointmentRequestAction,
  appointmentId: string,
): Promise<boolean> {
  if (!requestKey) return false;
  const earlier = await repository.findRequestKey(tx, actor.practiceId, requestKey.key);
  if (!earlier) return false;
  if (
    earlier.action !== action ||
    earlier.appointmentId !== appointmentId ||
    !isSameRequest(earlier.requestFingerprint, requestKey.fingerprint)
  ) {
    throw keyReusedError();
  }
  return true;
}

export async function rememberRequestKey(
  deps: AppointmentContext,
  tx: Transaction,
  actor: StaffActor,
  requestKey: RequestKey | undefined,
  action: AppointmentRequestAction,
  appointmentId: string,
): Promise<void> {
  const { clock } = deps;
  if (requestKey)
    await repository.insertRequestKey(tx, actor.practiceId, {
      idempotencyKey: requestKey.key,
      requestFingerprint: requestKey.fingerprint,
      action,
      appointmentId,
      createdAt: clock.now(),
    });
}

/**
 * Concurrent requests with one key: true for the loser of the insert race, which then replays
 * the winner, once it is sure the winner's request was this one (else 409 idempotency_key_reused).
 */
export async function lostRequestKeyRace(
  deps: AppointmentContext,
  actor: StaffActor,
  requestKey: RequestKey | undefined,
  action: AppointmentRequestAction,
  appointmentId: string,
  error: unknown,
): Promise<boolean> {
  if (!requestKey || sqlStateOf(error) !== '23505' || constraintOf(error) !== 'appointment_request_keys_pkey') return false;
  const { database } = deps;
  return inPractice(database, actor.practiceId, (tx) => seenRequestKey(tx, actor, requestKey, action, appointmentId));
}
