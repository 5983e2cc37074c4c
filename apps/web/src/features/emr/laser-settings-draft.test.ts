import type { LaserSettings } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { laserDraftOf, laserRequestOf, nextLaserRow } from './laser-settings-draft.ts';

const saved: LaserSettings = {
  device: { id: '0b5e6a2e-6f55-4c5e-9a55-3d7b8d1f0a11', name: 'Candela GentleMax Pro laser' },
  skinType: 'III',
  settings: [{ area: 'Underarms', fluenceJoulesPerCm2: 18, spotSizeMm: 15, pulseWidthMs: 3, passes: 1, cooling: 'cryogen_spray' }],
  testSpot: { done: true, site: 'Left underarm', reaction: null, performedOn: '2026-02-24' },
};

describe('the laser settings draft', () => {
  it('starts an uncharted section with one empty row and no test spot', () => {
    const draft = laserDraftOf(null);
    expect(draft).toMatchObject({ deviceId: null, skinType: null, testSpot: { done: false, site: '', reaction: '', performedOn: '' } });
    expect(draft.rows).toHaveLength(1);
    expect(draft.rows[0]).toMatchObject({ area: '', fluenceJoulesPerCm2: '', passes: 1, cooling: 'none' });
  });

  it('sends back what was saved unchanged', () => {
    expect(laserRequestOf(laserDraftOf(saved))).toEqual({
      deviceId: saved.device?.id,
      skinType: 'III',
      settings: saved.settings,
      testSpot: { done: true, site: 'Left underarm', reaction: '', performedOn: '2026-02-24' },
    });
  });

  it('sends an empty number as no number, so the server names the field, and typed numbers as numbers', () => {
    const draft = laserDraftOf(null);
    const row = { ...draft.rows[0]!, area: 'Legs', fluenceJoulesPerCm2: '', spotSizeMm: '18', pulseWidthMs: 3 };
    const [sent] = laserRequestOf({ ...draft, rows: [row] }).settings ?? [];
    expect(sent?.fluenceJoulesPerCm2).toBeNaN();
    expect(JSON.parse(JSON.stringify(sent))).toMatchObject({ fluenceJoulesPerCm2: null, spotSizeMm: 18, pulseWidthMs: 3 });
  });

  it('sends nothing of where, how or when for a test spot that was not done', () => {
    const draft = laserDraftOf(saved);
    expect(laserRequestOf({ ...draft, testSpot: { ...draft.testSpot, done: false } }).testSpot).toEqual({
      done: false,
      site: null,
      reaction: null,
      performedOn: null,
    });
    expect(laserRequestOf({ ...draft, testSpot: { ...draft.testSpot, performedOn: '' } }).testSpot).toMatchObject({ performedOn: null });
  });

  it('starts a new row from the previous row’s settings with the area left to name', () => {
    const previous = laserDraftOf(saved).rows[0];
    const next = nextLaserRow(previous);
    expect(next).toMatchObject({ area: '', fluenceJoulesPerCm2: 18, spotSizeMm: 15, cooling: 'cryogen_spray' });
    expect(next.key).not.toBe(previous?.key);
  });
});
