import { describe, expect, it } from 'vitest';
import { measureSms } from './sms-length.ts';

describe('measureSms', () => {
  it('counts nothing for an empty text', () => {
    expect(measureSms('')).toEqual({ characters: 0, encoding: 'gsm7', segments: 0, perSegment: 160 });
  });

  it('fits 160 GSM characters in one message and splits longer texts into parts of 153', () => {
    expect(measureSms('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(measureSms('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', segments: 2, perSegment: 153 });
    expect(measureSms('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(measureSms('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('reads accented letters of the GSM alphabet as GSM', () => {
    expect(measureSms('Café à 5 € près? Ça va, Ñoño!').encoding).toBe('gsm7');
  });

  it('counts GSM extension characters twice', () => {
    const text = `${'a'.repeat(155)}[€]`;
    expect(text.length).toBe(158);
    expect(measureSms(text)).toMatchObject({ characters: 158, encoding: 'gsm7', segments: 2 });
  });

  it('switches the whole text to UCS-2 for one character outside the GSM alphabet', () => {
    expect(measureSms('Lumière Aesthetics — SoHo')).toMatchObject({ encoding: 'ucs2', segments: 1, perSegment: 70 });
    expect(measureSms('a'.repeat(70)).segments).toBe(1);
    expect(measureSms(`${'a'.repeat(69)}’`)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(measureSms(`${'a'.repeat(70)}’`)).toMatchObject({ encoding: 'ucs2', segments: 2, perSegment: 67 });
  });

  it('counts characters the way the provider limit does (an emoji is two)', () => {
    expect(measureSms('See you soon 😊')).toMatchObject({ characters: 15, encoding: 'ucs2', segments: 1 });
  });
});
