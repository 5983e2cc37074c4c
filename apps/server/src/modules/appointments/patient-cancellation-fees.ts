import type { Transaction } from '../../platform/database.ts';
import { formatMoney } from '../sales/index.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { assessFee, type FeePlan } from './appointment-fee-actions.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRecord } from './appointments-repository.ts';

/**
 * The late cancellation fee a patient would be charged for cancelling now, with the
 * cancellation policy they agreed to when their card was taken: the portal shows both and
 * asks the patient to accept them before cancelling.
 */
export interface PatientCancellationFee {
  amountCents: number;
  currency: string;
  /** The amount as the patient reads it, e.g. "$25.00". */
  amountLabel: string;
  /** Hours before the start inside which the fee applies (the policy's window). */
  windowHours: number;
  policy: { version: number; text: string };
}

export async function toPatientCancellationFee(
  deps: Pick<AppointmentContext, 'billing'>,
  tx: Transaction,
  practiceId: string,
  plan: FeePlan,
): Promise<PatientCancellationFee> {
  const policy = await deps.billing.cancellationPolicyVersionWithin(tx, practiceId, plan.policyVersionId);
  return {
    amountCents: plan.amountCents,
    currency: plan.currency,
    amountLabel: formatMoney(plan.amountCents, plan.currency),
    windowHours: plan.cancellationWindowHours,
    policy: { version: policy?.version ?? 0, text: policy?.text ?? '' },
  };
}

/**
 * The late cancellation fee each appointment would charge if its patient cancelled now (the
 * portal's list), read in the caller's transaction; appointments without one are absent.
 */
export async function findPatientCancellationFeesWithin(
  deps: AppointmentContext,
  tx: Transaction,
  practiceId: string,
  appointments: readonly Pick<AppointmentRecord, 'id' | 'patientId' | 'clinicId' | 'startsAt'>[],
): Promise<Map<string, PatientCancellationFee>> {
  const fees = new Map<string, PatientCancellationFee>();
  if (appointments.length === 0) return fees;
  const services = await repository.listServicesOf(
    tx,
    practiceId,
    appointments.map((appointment) => appointment.id),
  );
  for (const appointment of appointments) {
    const assessed = await assessFee(deps, tx, practiceId, appointment, services.get(appointment.id) ?? [], 'cancellation_fee');
    if (assessed.due) fees.set(appointment.id, await toPatientCancellationFee(deps, tx, practiceId, assessed.plan));
  }
  return fees;
}
