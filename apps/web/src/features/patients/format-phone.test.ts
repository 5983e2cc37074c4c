import { describe, expect, it } from 'vitest';
import { formatPhone, toE164 } from './format-phone.ts';

describe('phone numbers', () => {
  it('reads US numbers typed any way as E.164', () => {
    expect(toE164('(212) 555-0123')).toBe('+12125550123');
    expect(toE164('1 212 555 0123')).toBe('+12125550123');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('555-0123')).toBeUndefined();
    expect(toE164('')).toBeUndefined();
  });

  it('shows North American numbers in the familiar form', () => {
    expect(formatPhone('+12125550123')).toBe('(212) 555-0123');
    expect(formatPhone('+442079460958')).toBe('+442079460958');
  });
});
