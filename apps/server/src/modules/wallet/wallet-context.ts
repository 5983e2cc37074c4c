import { Temporal } from 'temporal-polyfill';
import type { AuditEntry, RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { auditActorFieldsOf, type BillingActor } from '../billing/index.ts';
import { practiceTimeZoneWithin } from '../identity/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import * as repository from './wallet-repository.ts';

export interface WalletDependencies {
  database: Database;
  clock: Clock;
  patients: Pick<PatientsService, 'findPatientWithin'>;
  /** Staff names for the entries' "by" column (the identity service). */
  staffDirectory: { listStaff(actor: StaffActor): Promise<{ id: string; displayName: string }[]> };
}

/** Roles that add and remove credit; providers read wallets only. */
export const walletWriterRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

/** Who changes a wallet: staff, a patient in the portal, or the system (a gateway webhook settling a payment). */
export type WalletActor = BillingActor;

export const DEFAULT_WALLET_CURRENCY = 'USD';

/** The practice's local date today: what expiry dates are compared with. */
export async function todayWithin(deps: WalletDependencies, tx: Transaction, practiceId: string): Promise<string> {
  const zone = await practiceTimeZoneWithin(tx, practiceId);
  return Temporal.Instant.fromEpochMilliseconds(deps.clock.now().getTime()).toZonedDateTimeISO(zone).toPlainDate().toString();
}

export async function walletCurrencyWithin(tx: Transaction, practiceId: string): Promise<string> {
  return (await repository.findSettings(tx, practiceId))?.currency ?? DEFAULT_WALLET_CURRENCY;
}

/**
 * The wallet's currency for a path that adds credit or rewards: read under the shared currency
 * lock, so a change of currency waits for this transaction (see `lockWalletCurrency`).
 */
export async function lockedWalletCurrencyWithin(tx: Transaction, practiceId: string): Promise<string> {
  await repository.lockWalletCurrency(tx, practiceId, 'shared');
  return walletCurrencyWithin(tx, practiceId);
}

export async function requirePatientWithin(
  deps: WalletDependencies,
  tx: Transaction,
  practiceId: string,
  patientId: string,
): Promise<void> {
  if (!(await deps.patients.findPatientWithin(tx, practiceId, patientId))) throw new NotFoundError('Patient', 'patientId');
}

export function staffIdOf(actor: WalletActor): string | null {
  return actor.kind === 'staff' ? actor.staffId : null;
}

export function walletAuditOf(
  practiceId: string,
  actor: WalletActor,
  meta: RequestMeta | undefined,
  action: string,
  patientId: string,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    practiceId,
    ...auditActorFieldsOf(actor),
    action,
    objectType: 'patient',
    objectId: patientId,
    ip: meta?.ip ?? null,
    requestId: meta?.requestId ?? null,
    details,
  };
}
