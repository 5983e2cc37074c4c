import { describe, expect, it } from 'vitest';
import { readWalletSettingsDraft, walletSettingsDraftOf } from './wallet-settings-draft.ts';

const saved = { currency: 'USD', rewardCentsPer100Dollars: 200, rewardValidDays: 365, version: 3 };

describe('readWalletSettingsDraft', () => {
  it('starts from the saved settings and sends nothing when nothing changed', () => {
    const draft = walletSettingsDraftOf(saved);
    expect(draft).toEqual({ currency: 'USD', rewardPer100: '2.00', rewardValidDays: '365' });
    expect(readWalletSettingsDraft(draft, saved)).toEqual({ changes: {}, errors: {} });
  });

  it('sends only what changed: the reward in minor units, no expiry as null, the currency upper case', () => {
    expect(readWalletSettingsDraft({ currency: 'usd', rewardPer100: '5', rewardValidDays: '' }, saved)).toEqual({
      changes: { rewardCentsPer100Dollars: 500, rewardValidDays: null },
      errors: {},
    });
    expect(readWalletSettingsDraft({ currency: 'cad', rewardPer100: '2', rewardValidDays: '90' }, saved).changes).toEqual({
      currency: 'CAD',
      rewardValidDays: 90,
    });
  });

  it('turns rewards off with 0', () => {
    expect(readWalletSettingsDraft({ currency: 'USD', rewardPer100: '0', rewardValidDays: '365' }, saved).changes).toEqual({
      rewardCentsPer100Dollars: 0,
    });
  });

  it('names each field that cannot be sent', () => {
    expect(readWalletSettingsDraft({ currency: 'US', rewardPer100: '100.01', rewardValidDays: '0' }, saved).errors).toEqual({
      currency: 'Use a three-letter ISO 4217 code, e.g. USD.',
      rewardPer100: 'At most $100.00 per $100.00 paid.',
      rewardValidDays: 'Use a whole number of days from 1 to 3650, or leave it empty for never.',
    });
    expect(readWalletSettingsDraft({ currency: 'USD', rewardPer100: '', rewardValidDays: '1.5' }, saved).errors).toEqual({
      rewardPer100: 'Enter the reward, or 0 for no rewards.',
      rewardValidDays: 'Use a whole number of days from 1 to 3650, or leave it empty for never.',
    });
  });
});
