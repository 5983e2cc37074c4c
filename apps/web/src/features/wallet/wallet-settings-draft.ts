import type { UpdateWalletSettingsRequest, WalletSettings } from '@glowdesk/contracts';
import { formatAmountForInput, formatMoney, parseAmount } from '../../shared/format/money.ts';

/** The Settings → Wallet form as typed. */
export interface WalletSettingsDraft {
  currency: string;
  /** The reward per 100 paid, in the currency's major units ("2.50"); "0" turns rewards off. */
  rewardPer100: string;
  /** Days a reward counts; empty for never. */
  rewardValidDays: string;
}

export type WalletSettingsField = keyof WalletSettingsDraft;

/** The most a reward may be per 100 paid, in minor units (the API's limit: all of it back). */
const MAX_REWARD_CENTS = 10_000;
const MAX_VALID_DAYS = 3650;

export function walletSettingsDraftOf(settings: WalletSettings): WalletSettingsDraft {
  return {
    currency: settings.currency,
    rewardPer100: formatAmountForInput(settings.rewardCentsPer100Dollars, settings.currency),
    rewardValidDays: settings.rewardValidDays === null ? '' : String(settings.rewardValidDays),
  };
}

/**
 * Reads the form against the saved settings: the fields that changed, as the API takes them
 * (`changes` is empty when nothing did), and a message for each field that cannot be sent.
 */
export function readWalletSettingsDraft(
  draft: WalletSettingsDraft,
  saved: WalletSettings,
): { changes: UpdateWalletSettingsRequest; errors: Partial<Record<WalletSettingsField, string>> } {
  const errors: Partial<Record<WalletSettingsField, string>> = {};
  const changes: UpdateWalletSettingsRequest = {};

  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'Use a three-letter ISO 4217 code, e.g. USD.';
  else if (currency !== saved.currency) changes.currency = currency;

  // The reward is typed in the currency being saved (its minor unit decides the decimals).
  const rewardCurrency = errors.currency ? saved.currency : currency;
  const reward = parseAmount(draft.rewardPer100, rewardCurrency);
  if (reward.status === 'blank') errors.rewardPer100 = 'Enter the reward, or 0 for no rewards.';
  else if (reward.status === 'invalid') errors.rewardPer100 = reward.message;
  else if (reward.amountCents > MAX_REWARD_CENTS) {
    errors.rewardPer100 = `At most ${formatMoney(MAX_REWARD_CENTS, rewardCurrency)} per ${formatMoney(10_000, rewardCurrency)} paid.`;
  } else if (reward.amountCents !== saved.rewardCentsPer100Dollars) changes.rewardCentsPer100Dollars = reward.amountCents;

  const daysText = draft.rewardValidDays.trim();
  if (daysText === '') {
    if (saved.rewardValidDays !== null) changes.rewardValidDays = null;
  } else {
    const days = Number(daysText);
    if (!/^\d+$/.test(daysText) || days < 1 || days > MAX_VALID_DAYS) {
      errors.rewardValidDays = `Use a whole number of days from 1 to ${MAX_VALID_DAYS}, or leave it empty for never.`;
    } else if (days !== saved.rewardValidDays) changes.rewardValidDays = days;
  }
  return { changes, errors };
}
