import type { MessageChannel } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import type { AppointmentSnapshot } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { findClinicContactWithin, findProviderNameWithin, type ClinicContact } from '../practice/index.ts';
import type { MessageContext } from './render-message-template.ts';

/** Reads patients inside the caller's transaction (the patients service implements it). */
export type PatientDirectory = Pick<PatientsService, 'findPatientWithin'>;

/**
 * The practice's cancellation policy for a clinic, read in the caller's transaction (the
 * sales module's `currentPolicyWithin` implements it). Without one, messages leave it out.
 */
export interface CancellationPolicySource {
  currentPolicyWithin(tx: Transaction, practiceId: string, clinicId: string): Promise<{ text: string }>;
}

/** A cancellation or no-show fee charged for an appointment (implemented by sales). */
export interface ChargedFee {
  kind: 'cancellation_fee' | 'no_show_fee';
  amountMinor: number;
  currency: string;
}

export interface FeeChargeSource {
  /** The appointment's latest fee invoice with money received, if any. */
  latestChargedFeeWithin(tx: Transaction, practiceId: string, appointmentId: string): Promise<ChargedFee | undefined>;
}

export interface MessagePatient {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  preferredChannel: MessageChannel;
}

/** Everything a message about one appointment says, read in one transaction. */
export interface AppointmentMessageFacts {
  appointment: AppointmentSnapshot;
  patient: MessagePatient;
  clinic: ClinicContact;
  providerName: string | undefined;
}

/**
 * The appointment's clinic, provider and patient for a message, or undefined for an
 * out-of-office block (no patient). Reads only; the caller audits its use case.
 */
export async function loadAppointmentMessageFacts(
  tx: Transaction,
  practiceId: string,
  appointment: AppointmentSnapshot,
  patients: PatientDirectory,
): Promise<AppointmentMessageFacts | undefined> {
  if (appointment.kind !== 'appointment' || !appointment.patientId) return undefined;
  const patient = await patients.findPatientWithin(tx, practiceId, appointment.patientId);
  const clinic = await findClinicContactWithin(tx, practiceId, appointment.clinicId);
  if (!patient || !clinic) return undefined;
  return {
    appointment,
    patient: {
      id: patient.id,
      firstName: patient.firstName,
      lastName: patient.lastName,
      email: patient.email,
      phone: patient.phone,
      preferredChannel: patient.preferredChannel,
    },
    clinic,
    providerName: await findProviderNameWithin(tx, practiceId, appointment.providerId),
  };
}

/** The room link a virtual visit happens in, or undefined for a visit in person. */
export function videoLinkOf(appointment: Pick<AppointmentSnapshot, 'mode' | 'virtualRoomUrl'>): string | undefined {
  return appointment.mode === 'virtual' && appointment.virtualRoomUrl ? appointment.virtualRoomUrl : undefined;
}

/** The patient's address on a channel, or null when they have none there. */
export function addressOn(patient: MessagePatient, channel: MessageChannel): string | null {
  return channel === 'email' ? patient.email : patient.phone;
}

/** The template context for a message about the appointment; times in the clinic's zone. */
export function messageContextOf(
  facts: AppointmentMessageFacts,
  extras: {
    portalLink?: string | undefined;
    cancellationPolicy?: string | undefined;
    paperwork?: readonly string[];
    previousStartsAt?: Date | undefined;
    fee?: ChargedFee | undefined;
  } = {},
): MessageContext {
  const serviceNames = facts.appointment.services.map((service) => service.name).join(', ');
  const videoLink = videoLinkOf(facts.appointment);
  return {
    patient: { firstName: facts.patient.firstName },
    clinic: {
      name: facts.clinic.name,
      timeZone: facts.clinic.timezone,
      phone: facts.clinic.phone,
      // A virtual visit happens in the video room: naming the street would send the patient there.
      address: videoLink ? null : facts.clinic.address,
    },
    service: serviceNames ? { name: serviceNames } : undefined,
    provider: facts.providerName ? { name: facts.providerName } : undefined,
    appointment: { startsAt: facts.appointment.startsAt, previousStartsAt: extras.previousStartsAt, videoLink },
    cancellationPolicy: extras.cancellationPolicy,
    portalLink: extras.portalLink,
    paperwork: extras.paperwork,
    fee: extras.fee
      ? {
          amountMinor: extras.fee.amountMinor,
          currency: extras.fee.currency,
          reason: extras.fee.kind === 'no_show_fee' ? 'missed appointment (no-show)' : 'late cancellation or rescheduling',
        }
      : undefined,
  };
}

/** The policy text for the appointment's clinic, when a source is wired. */
export async function cancellationPolicyFor(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  source: CancellationPolicySource | undefined,
): Promise<string | undefined> {
  if (!source) return undefined;
  const policy = await source.currentPolicyWithin(tx, practiceId, clinicId);
  return policy.text.trim() || undefined;
}
