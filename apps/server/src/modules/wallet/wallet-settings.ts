import type { UpdateWalletSettingsRequest, WalletSettings } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { ConflictError, PreconditionFailedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { DEFAULT_WALLET_CURRENCY, todayWithin, type WalletDependencies } from './wallet-context.ts';
import * as repository from './wallet-repository.ts';
import type { WalletSettingsRecord } from './wallet-repository.ts';

function toSettings(record: WalletSettingsRecord | undefined): WalletSettings {
  return {
    currency: record?.currency ?? DEFAULT_WALLET_CURRENCY,
    rewardCentsPer100Dollars: record?.rewardCentsPer100Dollars ?? 0,
    rewardValidDays: record?.rewardValidDays ?? null,
    version: record?.version ?? 0,
  };
}

export async function readWalletSettings(deps: WalletDependencies, actor: StaffActor): Promise<WalletSettings> {
  return inPractice(deps.database, actor.practiceId, async (tx) => toSettings(await repository.findSettings(tx, actor.practiceId)));
}

/**
 * Changes the wallet's currency and reward rule (owners and admins); If-Match guards against
 * overwriting. Audited. The currency does not change while a client holds credit or rewards in
 * it (409 wallet_currency_in_use): that credit could then pay no invoice.
 */
export async function updateWalletSettings(
  deps: WalletDependencies,
  actor: StaffActor,
  changes: UpdateWalletSettingsRequest,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<WalletSettings> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    // Before anything is read: credit being added now finishes first, or waits for the new currency.
    if (changes.currency !== undefined) await repository.lockWalletCurrency(tx, actor.practiceId, 'exclusive');
    const before = toSettings(await repository.findSettings(tx, actor.practiceId));
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new PreconditionFailedError('The wallet settings changed since you loaded them; reload and try again.');
    }
    if (changes.currency !== undefined && changes.currency !== before.currency) {
      const today = await todayWithin(deps, tx, actor.practiceId);
      const holders = await repository.countPatientsHoldingCredit(tx, actor.practiceId, before.currency, today);
      if (holders > 0) {
        throw new ConflictError(
          `${holders === 1 ? '1 client holds' : `${holders} clients hold`} wallet credit or rewards in ${before.currency}; the currency can change once no client holds any.`,
          'wallet_currency_in_use',
          { field: 'currency', extensions: { clientsHoldingCredit: holders } },
        );
      }
    }
    const after = toSettings(await repository.upsertSettings(tx, actor.practiceId, changes, actor.staffId, deps.clock.now()));
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorType: 'staff',
      actorId: actor.staffId,
      actorLabel: actor.email,
      action: 'wallet.settings_update',
      objectType: 'practice',
      objectId: actor.practiceId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { before, after },
    });
    return after;
  });
}
