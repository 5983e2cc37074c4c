import type { Wallet } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Transaction } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import {
  requirePatientWithin,
  todayWithin,
  walletAuditOf,
  walletCurrencyWithin,
  walletWriterRoles,
  type WalletActor,
  type WalletDependencies,
} from './wallet-context.ts';
import * as repository from './wallet-repository.ts';
import { buildWalletView } from './wallet-views.ts';

/** The wallet of a patient known to exist, as of now, in the caller's transaction. */
export async function walletViewWithin(
  deps: WalletDependencies,
  tx: Transaction,
  practiceId: string,
  patientId: string,
  options: { staffNames: ReadonlyMap<string, string>; actions: Wallet['actions'] },
): Promise<Wallet> {
  const entries = await repository.listEntries(tx, practiceId, patientId);
  return buildWalletView(entries, {
    patientId,
    currency: await walletCurrencyWithin(tx, practiceId),
    today: await todayWithin(deps, tx, practiceId),
    ...options,
  });
}

export async function staffNamesOf(deps: WalletDependencies, actor: StaffActor): Promise<Map<string, string>> {
  return new Map((await deps.staffDirectory.listStaff(actor)).map((staff) => [staff.id, staff.displayName]));
}

export function staffActionsOf(actor: StaffActor): Wallet['actions'] {
  const writes = walletWriterRoles.includes(actor.role);
  return { addCredit: writes, removeCredit: writes };
}

/** A client's wallet for the client profile (every staff role reads it); the read is audited. */
export async function readWallet(deps: WalletDependencies, actor: StaffActor, patientId: string, meta: RequestMeta): Promise<Wallet> {
  const staffNames = await staffNamesOf(deps, actor);
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    await requirePatientWithin(deps, tx, actor.practiceId, patientId);
    const wallet = await walletViewWithin(deps, tx, actor.practiceId, patientId, { staffNames, actions: staffActionsOf(actor) });
    await recordAudit(tx, walletAuditOf(actor.practiceId, actor, meta, 'wallet.read', patientId));
    return wallet;
  });
}

/** The signed-in patient's own wallet (the portal): the same view, without staff names or actions. */
export async function readOwnWallet(
  deps: WalletDependencies,
  actor: Extract<WalletActor, { kind: 'patient' }>,
  meta: RequestMeta,
): Promise<Wallet> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    await requirePatientWithin(deps, tx, actor.practiceId, actor.patientId);
    const wallet = await walletViewWithin(deps, tx, actor.practiceId, actor.patientId, {
      staffNames: new Map(),
      actions: { addCredit: false, removeCredit: false },
    });
    await recordAudit(tx, walletAuditOf(actor.practiceId, actor, meta, 'wallet.read', actor.patientId));
    return wallet;
  });
}
