import { describe, expect, it } from 'vitest';
import { shortClinicNames } from './clinic-short-names.ts';

const clinic = (id: string, name: string) => ({ id, name });

describe('shortClinicNames', () => {
  it('drops the brand that every clinic name starts with', () => {
    const names = shortClinicNames([clinic('a', 'Lumière Aesthetics — SoHo'), clinic('b', 'Lumière Aesthetics — Santa Monica')]);
    expect([...names.values()]).toEqual(['SoHo', 'Santa Monica']);
  });

  it('keeps whole names when they share only part of a word', () => {
    const names = shortClinicNames([clinic('a', 'Glow Downtown'), clinic('b', 'Glow Uptown')]);
    expect([...names.values()]).toEqual(['Glow Downtown', 'Glow Uptown']);
  });

  it('keeps a single clinic’s name whole', () => {
    expect(shortClinicNames([clinic('a', 'Lumière Aesthetics — SoHo')]).get('a')).toBe('Lumière Aesthetics — SoHo');
  });

  it('cuts at the last separator the names share', () => {
    const names = shortClinicNames([
      clinic('a', 'Lumière — NYC, SoHo'),
      clinic('b', 'Lumière — NYC, Tribeca'),
      clinic('c', 'Lumière — LA'),
    ]);
    expect([...names.values()]).toEqual(['NYC, SoHo', 'NYC, Tribeca', 'LA']);
  });
});
