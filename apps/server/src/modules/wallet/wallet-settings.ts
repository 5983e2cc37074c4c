import type { UpdateWalletSettingsRequest, WalletSettings } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { PreconditionFailedError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { DEFAULT_WALLET_CURRENCY, type WalletDependencies } from './wallet-context.ts';
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

/** Changes the wallet's currency and reward rule (owners and admins); If-Match guards against overwriting. Audited. */
export async function updateWalletSettings(
  deps: WalletDependencies,
  actor: StaffActor,
  changes: UpdateWalletSettingsRequest,
  expectedVersion: number | undefined,
  meta: RequestMeta,
): Promise<WalletSettings> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const before = toSettings(await repository.findSettings(tx, actor.practiceId));
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new PreconditionFailedError('The wallet settings changed since you loaded them; reload and try again.');
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
