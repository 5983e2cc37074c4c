import { describe, expect, it } from 'vitest';
import { restoreFeeWording } from './restore-fee-wording.ts';

describe('the restore dialog’s words about a requested no-show fee', () => {
  it('tell owners and admins to refund it themselves', () => {
    expect(restoreFeeWording('owner')).toContain('refund it from the fee’s invoice in Sales');
    expect(restoreFeeWording('admin')).toBe(restoreFeeWording('owner'));
  });

  it('do not tell the front desk to refund, which it may only where the practice allows it', () => {
    const words = restoreFeeWording('front_desk');
    expect(words).not.toBe(restoreFeeWording('owner'));
    expect(words).toContain('Owners and admins refund it');
    expect(words).toContain('only where the practice allows it');
  });

  it('send a provider, who does not work in Sales, to an owner or admin', () => {
    expect(restoreFeeWording('provider')).toContain('ask an owner or admin');
  });
});
