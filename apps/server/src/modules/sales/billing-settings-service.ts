import type { UpdateClinicBillingSettingsRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Read, Transaction } from '../../platform/database.ts';
import { NotFoundError, PreconditionFailedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as repository from './billing-settings-repository.ts';
import type { CancellationPolicyRecord } from './billing-settings-repository.ts';

export const DEFAULT_CANCELLATION_WINDOW_HOURS = 24;

/** What a clinic charges when: its cancellation window and tax rate (defaults when never set). */
export interface ClinicFeeSettings {
  clinicId: string;
  cancellationWindowHours: number;
  taxRateBps: number;
  version: number;
  updatedAt: Date | null;
}

export interface ClinicBillingSettingsView extends ClinicFeeSettings {
  cancellationPolicy: CancellationPolicyRecord;
}

/** The clinics a practice has, read in the caller's transaction (the practice module's booking catalog). */
export interface ClinicNames {
  findClinics(tx: Transaction, practiceId: string, clinicIds: readonly string[]): Promise<Map<string, { id: string; name: string }>>;
}

/** The policy Glowdesk shows until a clinic writes its own. */
export function defaultPolicyText(windowHours: number): string {
  return (
    `Appointments cancelled or rescheduled less than ${windowHours} hours before their start, and missed appointments, ` +
    'may be charged the cancellation or no-show fee of the booked services to the card on file.'
  );
}

function defaultsFor(clinicId: string): ClinicFeeSettings {
  return { clinicId, cancellationWindowHours: DEFAULT_CANCELLATION_WINDOW_HOURS, taxRateBps: 0, version: 0, updatedAt: null };
}

/** Per-clinic cancellation window, tax rate and versioned cancellation policy; practice-wide refund permission. */
export function createBillingSettingsService(deps: { database: Database; clock: Clock; clinics: ClinicNames }) {
  const { database, clock, clinics } = deps;

  async function requireClinic(tx: Transaction, practiceId: string, clinicId: string): Promise<void> {
    const found = await clinics.findClinics(tx, practiceId, [clinicId]);
    if (!found.has(clinicId)) throw new NotFoundError('Clinic', 'clinicId');
  }

  async function feeSettingsWithin(
    tx: Transaction,
    practiceId: string,
    clinicIds: readonly string[],
  ): Promise<Map<string, ClinicFeeSettings>> {
    const unique = [...new Set(clinicIds)];
    const rows = await repository.findClinicSettings(tx, practiceId, unique);
    const byClinic = new Map<string, ClinicFeeSettings>(unique.map((clinicId) => [clinicId, defaultsFor(clinicId)]));
    for (const row of rows) byClinic.set(row.clinicId, row);
    return byClinic;
  }

  /** The same as a read that can travel with BEGIN (a booking's). */
  function feeSettingsRead(practiceId: string, clinicIds: readonly string[]): Read<Map<string, ClinicFeeSettings>> {
    const unique = [...new Set(clinicIds)];
    return repository.clinicFeeSettingsRead(practiceId, unique, (rows) => {
      const byClinic = new Map<string, ClinicFeeSettings>(unique.map((clinicId) => [clinicId, defaultsFor(clinicId)]));
      for (const row of rows) byClinic.set(row.clinicId, row);
      return byClinic;
    });
  }

  /** The clinic's current policy, writing the default version 1 the first time one is needed. */
  async function currentPolicyWithin(tx: Transaction, practiceId: string, clinicId: string): Promise<CancellationPolicyRecord> {
    const current = await repository.findCurrentPolicy(tx, practiceId, clinicId);
    if (current) return current;
    const settings = (await feeSettingsWithin(tx, practiceId, [clinicId])).get(clinicId) ?? defaultsFor(clinicId);
    const inserted = await repository.insertPolicy(tx, practiceId, {
      clinicId,
      version: 1,
      text: defaultPolicyText(settings.cancellationWindowHours),
      windowHours: settings.cancellationWindowHours,
      createdBy: null,
    });
    if (inserted) return inserted;
    const raced = await repository.findCurrentPolicy(tx, practiceId, clinicId);
    if (!raced) throw new Error('cancellation policy vanished after a concurrent insert');
    return raced;
  }

  async function viewWithin(tx: Transaction, practiceId: string, clinicId: string): Promise<ClinicBillingSettingsView> {
    const settings = (await feeSettingsWithin(tx, practiceId, [clinicId])).get(clinicId) ?? defaultsFor(clinicId);
    return { ...settings, cancellationPolicy: await currentPolicyWithin(tx, practiceId, clinicId) };
  }

  return {
    feeSettingsWithin,
    feeSettingsRead,
    currentPolicyWithin,

    async frontDeskMayRefundWithin(tx: Transaction, practiceId: string): Promise<boolean> {
      return (await repository.findSalesSettings(tx, practiceId))?.frontDeskMayRefund ?? false;
    },

    async getClinicSettings(actor: StaffActor, clinicId: string): Promise<ClinicBillingSettingsView> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await requireClinic(tx, actor.practiceId, clinicId);
        return viewWithin(tx, actor.practiceId, clinicId);
      });
    },

    /**
     * Changes the window, the tax rate or the policy text. A new window or text writes a new
     * policy version (a default text follows the new window); bookings keep the version they showed.
     */
    async updateClinicSettings(
      actor: StaffActor,
      clinicId: string,
      input: UpdateClinicBillingSettingsRequest,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<ClinicBillingSettingsView> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await requireClinic(tx, actor.practiceId, clinicId);
        await repository.ensureClinicSettings(tx, actor.practiceId, clinicId);
        const [before] = await repository.findClinicSettings(tx, actor.practiceId, [clinicId], { forUpdate: true });
        if (!before) throw new Error('clinic billing settings vanished after insert');
        // A clinic never changed reports version 0 (the defaults), so If-Match: "0" matches the first change.
        const shownVersion = before.updatedBy === null ? 0 : before.version;
        if (expectedVersion !== undefined && expectedVersion !== shownVersion) throw new PreconditionFailedError();
        const policyBefore = await currentPolicyWithin(tx, actor.practiceId, clinicId);
        const now = clock.now();
        const after = await repository.updateClinicSettings(
          tx,
          actor.practiceId,
          clinicId,
          {
            ...(input.cancellationWindowHours === undefined ? {} : { cancellationWindowHours: input.cancellationWindowHours }),
            ...(input.taxRateBps === undefined ? {} : { taxRateBps: input.taxRateBps }),
          },
          actor.staffId,
          now,
        );
        const textChanged = input.cancellationPolicyText !== undefined && input.cancellationPolicyText !== policyBefore.text;
        const windowChanged = after.cancellationWindowHours !== policyBefore.windowHours;
        let policy = policyBefore;
        if (textChanged || windowChanged) {
          const text =
            input.cancellationPolicyText ??
            (policyBefore.createdBy === null ? defaultPolicyText(after.cancellationWindowHours) : policyBefore.text);
          const inserted = await repository.insertPolicy(tx, actor.practiceId, {
            clinicId,
            version: policyBefore.version + 1,
            text,
            windowHours: after.cancellationWindowHours,
            createdBy: actor.staffId,
          });
          // The settings row lock serializes policy changes of one clinic, so the version is free.
          if (!inserted) throw new Error('cancellation policy version taken despite the settings lock');
          policy = inserted;
        }
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: 'clinic_billing_settings.update',
          objectType: 'clinic',
          objectId: clinicId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: {
            changedFields: Object.keys(input),
            cancellationWindowHours: after.cancellationWindowHours,
            taxRateBps: after.taxRateBps,
            policyVersion: policy.version,
          },
        });
        return { ...after, cancellationPolicy: policy };
      });
    },

    async listPolicies(actor: StaffActor, clinicId: string): Promise<CancellationPolicyRecord[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await requireClinic(tx, actor.practiceId, clinicId);
        await currentPolicyWithin(tx, actor.practiceId, clinicId);
        return repository.listPolicies(tx, actor.practiceId, clinicId);
      });
    },

    async getSalesSettings(actor: StaffActor): Promise<{ frontDeskMayRefund: boolean; version: number }> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const settings = await repository.findSalesSettings(tx, actor.practiceId);
        return { frontDeskMayRefund: settings?.frontDeskMayRefund ?? false, version: settings?.version ?? 0 };
      });
    },

    async updateSalesSettings(
      actor: StaffActor,
      input: { frontDeskMayRefund: boolean },
      meta: RequestMeta,
    ): Promise<{ frontDeskMayRefund: boolean; version: number }> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const saved = await repository.saveSalesSettings(tx, actor.practiceId, input, actor.staffId, clock.now());
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: 'sales_settings.update',
          objectType: 'practice',
          objectId: actor.practiceId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { frontDeskMayRefund: saved.frontDeskMayRefund },
        });
        return { frontDeskMayRefund: saved.frontDeskMayRefund, version: saved.version };
      });
    },
  };
}

export type BillingSettingsService = ReturnType<typeof createBillingSettingsService>;
