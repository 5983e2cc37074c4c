import { randomUUID } from 'node:crypto';
import type { AddWalletCreditRequest, Wallet, WalletEntry, WalletMoneyBalance } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { fingerprintRequest, isSameRequest } from '../../platform/request-fingerprint.ts';
import { inPractice } from '../../platform/tenancy.ts';
import {
  requirePatientWithin,
  todayWithin,
  walletAuditOf,
  lockedWalletCurrencyWithin,
  walletWriterRoles,
  type WalletDependencies,
} from './wallet-context.ts';
import { allocate, availableOf, lotsOf } from './wallet-lots.ts';
import * as repository from './wallet-repository.ts';
import type { WalletEntryRecord } from './wallet-repository.ts';
import { staffActionsOf, staffNamesOf, walletViewWithin } from './read-wallet.ts';
import { toEntryResponse } from './wallet-views.ts';
import { formatMoney } from '../../platform/format-money.ts';

export interface CreditChange {
  amountCents: number;
  reason: string;
  expiresOn?: string | undefined;
  balance?: WalletMoneyBalance | undefined;
  currency?: string | undefined;
}

export interface WalletChange {
  wallet: Wallet;
  entries: WalletEntry[];
  replayed: boolean;
}

const balanceColumn = { credits: 'credit', rewards: 'reward' } as const;

function requireWriter(actor: StaffActor): void {
  if (!walletWriterRoles.includes(actor.role)) {
    throw new ForbiddenError('Only owners, admins and the front desk change a client’s wallet; providers see it.', 'wallet_read_only');
  }
}

/**
 * Adds or removes dollar credit (or rewards) by hand, with a reason; audited. A removal takes
 * from the lots that expire soonest and never more than counts today. The same
 * Idempotency-Key with the same body replays the first answer; with another body, 409.
 */
export async function changeWalletCredit(
  deps: WalletDependencies,
  actor: StaffActor,
  patientId: string,
  direction: 'add' | 'remove',
  input: CreditChange & Partial<Pick<AddWalletCreditRequest, 'expiresOn'>>,
  requestKey: string | undefined,
  meta: RequestMeta,
): Promise<WalletChange> {
  requireWriter(actor);
  const practiceId = actor.practiceId;
  const fingerprint = fingerprintRequest({ direction, patientId, ...input });
  const balance = balanceColumn[input.balance ?? 'credits'];
  const staffNames = await staffNamesOf(deps, actor);
  const answer = async (written: WalletEntryRecord[], replayed: boolean): Promise<WalletChange> =>
    inPractice(deps.database, practiceId, async (tx) => {
      const wallet = await walletViewWithin(deps, tx, practiceId, patientId, { staffNames, actions: staffActionsOf(actor) });
      const today = await todayWithin(deps, tx, practiceId);
      const lots = new Map(lotsOf(await repository.listEntries(tx, practiceId, patientId), today).map((lot) => [lot.grant.id, lot]));
      return { wallet, entries: written.map((entry) => toEntryResponse(entry, lots, staffNames)), replayed };
    });
  const replay = async (earlier: WalletEntryRecord) => {
    if (earlier.patientId !== patientId || !isSameRequest(earlier.requestFingerprint, fingerprint)) {
      throw new ConflictError('This Idempotency-Key was already used for another wallet change.', 'idempotency_key_reused', {
        field: 'Idempotency-Key',
      });
    }
    const written = await inPractice(deps.database, practiceId, async (tx) =>
      (await repository.listEntries(tx, practiceId, patientId)).filter(
        // The entries one request wrote share its transaction's time, kind and reason.
        (entry) =>
          entry.id === earlier.id ||
          (entry.createdAt.getTime() === earlier.createdAt.getTime() && entry.kind === earlier.kind && entry.reason === earlier.reason),
      ),
    );
    return answer(written, true);
  };
  if (requestKey) {
    const earlier = await inPractice(deps.database, practiceId, (tx) => repository.findEntryByRequestKey(tx, practiceId, requestKey));
    if (earlier) return replay(earlier);
  }

  let written: WalletEntryRecord[];
  try {
    written = await inPractice(deps.database, practiceId, async (tx) => {
      await requirePatientWithin(deps, tx, practiceId, patientId);
      const currency = await lockedWalletCurrencyWithin(tx, practiceId);
      if (input.currency !== undefined && input.currency !== currency) {
        throw new ValidationError(`The wallet is kept in ${currency}, not ${input.currency}.`, {
          field: 'currency',
          code: 'currency_mismatch',
        });
      }
      const today = await todayWithin(deps, tx, practiceId);
      const now = deps.clock.now();
      const common = {
        patientId,
        balance,
        currency,
        reason: input.reason,
        createdAt: now,
        createdBy: actor.staffId,
      } as const;
      const keyed = { requestKey: requestKey ?? null, requestFingerprint: requestKey ? fingerprint : null };
      await repository.lockWallet(tx, practiceId, patientId);
      let entries: WalletEntryRecord[];
      if (direction === 'add') {
        if (input.expiresOn !== undefined && input.expiresOn < today) {
          throw new ValidationError(`The expiry date is in the past (today is ${today}).`, { field: 'expiresOn', code: 'expiry_in_past' });
        }
        const id = randomUUID();
        entries = await repository.insertEntries(tx, practiceId, [
          { ...common, ...keyed, id, lotId: id, kind: 'credit_added', amountCents: input.amountCents, expiresOn: input.expiresOn ?? null },
        ]);
      } else {
        const lots = lotsOf(await repository.listEntries(tx, practiceId, patientId), today).filter(
          (lot) => lot.grant.balance === balance && lot.grant.currency === currency,
        );
        const parts = allocate(lots, input.amountCents);
        if (!parts) {
          throw new ValidationError(
            `Only ${formatMoney(availableOf(lots), currency)} of ${input.balance ?? 'credits'} can be removed; ${formatMoney(input.amountCents, currency)} was asked.`,
            { field: 'amountCents', code: 'insufficient_wallet_balance' },
          );
        }
        entries = await repository.insertEntries(
          tx,
          practiceId,
          parts.map((part, index) => ({
            ...common,
            ...(index === 0 ? keyed : {}),
            id: randomUUID(),
            lotId: part.lotId,
            kind: 'removal' as const,
            amountCents: -part.take,
          })),
        );
      }
      await recordAudit(
        tx,
        walletAuditOf(practiceId, actor, meta, direction === 'add' ? 'wallet.credit_added' : 'wallet.credit_removed', patientId, {
          balance,
          amountCents: input.amountCents,
          currency,
          reason: input.reason,
          expiresOn: input.expiresOn ?? null,
          entryIds: entries.map((entry) => entry.id),
        }),
      );
      return entries;
    });
  } catch (error) {
    if (requestKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'wallet_entries_request_key') {
      const earlier = await inPractice(deps.database, practiceId, (tx) => repository.findEntryByRequestKey(tx, practiceId, requestKey));
      if (earlier) return replay(earlier);
    }
    throw error;
  }
  return answer(written, false);
}
