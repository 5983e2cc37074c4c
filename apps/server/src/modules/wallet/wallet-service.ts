import type { UpdateWalletSettingsRequest, Wallet, WalletSettings } from '@glowdesk/contracts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { changeWalletCredit, type CreditChange, type WalletChange } from './change-wallet-credit.ts';
import { readOwnWallet, readWallet } from './read-wallet.ts';
import type { WalletDependencies } from './wallet-context.ts';
import { readWalletSettings, updateWalletSettings } from './wallet-settings.ts';
import { createWalletLedger, type WalletLedger } from './wallet-spending.ts';

/** The client wallet: balances read at the time asked, hand-made credits and removals, and the ledger Sales spends and fills. */
export interface WalletService {
  readWallet(actor: StaffActor, patientId: string, meta: RequestMeta): Promise<Wallet>;
  readOwnWallet(actor: { kind: 'patient'; practiceId: string; patientId: string }, meta: RequestMeta): Promise<Wallet>;
  addCredit(
    actor: StaffActor,
    patientId: string,
    input: CreditChange,
    requestKey: string | undefined,
    meta: RequestMeta,
  ): Promise<WalletChange>;
  removeCredit(
    actor: StaffActor,
    patientId: string,
    input: Omit<CreditChange, 'expiresOn'>,
    requestKey: string | undefined,
    meta: RequestMeta,
  ): Promise<WalletChange>;
  readSettings(actor: StaffActor): Promise<WalletSettings>;
  updateSettings(
    actor: StaffActor,
    changes: UpdateWalletSettingsRequest,
    expectedVersion: number | undefined,
    meta: RequestMeta,
  ): Promise<WalletSettings>;
  /** What Sales spends from and fills, inside its transactions. */
  ledger: WalletLedger;
}

export function createWalletService(deps: WalletDependencies): WalletService {
  return {
    readWallet: (actor, patientId, meta) => readWallet(deps, actor, patientId, meta),
    readOwnWallet: (actor, meta) => readOwnWallet(deps, actor, meta),
    addCredit: (actor, patientId, input, requestKey, meta) => changeWalletCredit(deps, actor, patientId, 'add', input, requestKey, meta),
    removeCredit: (actor, patientId, input, requestKey, meta) =>
      changeWalletCredit(deps, actor, patientId, 'remove', input, requestKey, meta),
    readSettings: (actor) => readWalletSettings(deps, actor),
    updateSettings: (actor, changes, expectedVersion, meta) => updateWalletSettings(deps, actor, changes, expectedVersion, meta),
    ledger: createWalletLedger(deps),
  };
}
