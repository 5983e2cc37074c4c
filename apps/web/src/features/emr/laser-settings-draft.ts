import type { FitzpatrickSkinType, LaserCooling, LaserSettings, LaserSettingsRequest } from '@glowdesk/contracts';

/** A row of settings as typed: number inputs hold '' while empty. */
export interface LaserRowDraft {
  key: number;
  area: string;
  fluenceJoulesPerCm2: number | string;
  spotSizeMm: number | string;
  pulseWidthMs: number | string;
  passes: number | string;
  cooling: LaserCooling;
}

export interface LaserDraft {
  deviceId: string | null;
  skinType: FitzpatrickSkinType | null;
  rows: LaserRowDraft[];
  testSpot: { done: boolean; site: string; reaction: string; performedOn: string };
}

let rowKey = 0;

/** A new, empty row: a laser chart starts with one area to fill in. */
export function emptyLaserRow(): LaserRowDraft {
  return { key: ++rowKey, area: '', fluenceJoulesPerCm2: '', spotSizeMm: '', pulseWidthMs: '', passes: 1, cooling: 'none' };
}

/** A new row that starts from the previous row's settings (the next area is usually treated alike). */
export function nextLaserRow(previous: LaserRowDraft | undefined): LaserRowDraft {
  return previous ? { ...previous, key: ++rowKey, area: '' } : emptyLaserRow();
}

/** The section as saved, ready to edit; a chart not charted yet starts with one empty row. */
export function laserDraftOf(laser: LaserSettings | null): LaserDraft {
  if (!laser) {
    return { deviceId: null, skinType: null, rows: [emptyLaserRow()], testSpot: { done: false, site: '', reaction: '', performedOn: '' } };
  }
  return {
    deviceId: laser.device?.id ?? null,
    skinType: laser.skinType,
    rows: laser.settings.map((row) => ({ key: ++rowKey, ...row })),
    testSpot: {
      done: laser.testSpot.done,
      site: laser.testSpot.site ?? '',
      reaction: laser.testSpot.reaction ?? '',
      performedOn: laser.testSpot.performedOn ?? '',
    },
  };
}

/** An empty number input is sent as no number, so the server names the field that needs one. */
function numberOf(value: number | string): number {
  return value === '' ? Number.NaN : Number(value);
}

/** The PATCH body's `laser`: a test spot not done sends nothing of where or how. */
export function laserRequestOf(draft: LaserDraft): LaserSettingsRequest {
  const { testSpot } = draft;
  return {
    deviceId: draft.deviceId,
    skinType: draft.skinType,
    settings: draft.rows.map((row) => ({
      area: row.area,
      fluenceJoulesPerCm2: numberOf(row.fluenceJoulesPerCm2),
      spotSizeMm: numberOf(row.spotSizeMm),
      pulseWidthMs: numberOf(row.pulseWidthMs),
      passes: numberOf(row.passes),
      cooling: row.cooling,
    })),
    testSpot: testSpot.done
      ? {
          done: true,
          site: testSpot.site,
          reaction: testSpot.reaction,
          performedOn: testSpot.performedOn === '' ? null : testSpot.performedOn,
        }
      : { done: false, site: null, reaction: null, performedOn: null },
  };
}
