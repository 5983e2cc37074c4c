import { describe, expect, it } from 'vitest';
import { toInternationalPhone } from './phone-number.ts';

describe('toInternationalPhone', () => {
  it('reads ten digits, with any punctuation, as a North American number', () => {
    expect(toInternationalPhone('(212) 555-0123')).toBe('+12125550123');
    expect(toInternationalPhone('212.555.0123')).toBe('+12125550123');
  });

  it('reads eleven digits starting with 1 as a North American number with its country code', () => {
    expect(toInternationalPhone('1 212 555 0123')).toBe('+12125550123');
  });

  it('keeps a number typed with its + and country code, without its spaces', () => {
    expect(toInternationalPhone(' +44 20 7946 0958 ')).toBe('+442079460958');
  });

  it('leaves a number it cannot read without the + for the contract to refuse', () => {
    expect(toInternationalPhone('555-0123')).toBe('5550123');
  });
});
