import type { LaserSettings, LaserSettingsInput } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { findResourceSummariesWithin, type ResourceSummary } from '../practice/index.ts';
import * as sectionRepository from './chart-section-repository.ts';

/**
 * The device must be a piece of equipment at the booking's clinic; a retired one (inactive)
 * only when the chart already names it, so re-saving an older chart keeps its device.
 */
async function checkDevice(
  tx: Transaction,
  practiceId: string,
  deviceId: string,
  context: { clinicId: string; currentDeviceId: string | null },
): Promise<void> {
  const device = (await findResourceSummariesWithin(tx, practiceId, [deviceId])).get(deviceId);
  const field = 'laser.deviceId';
  if (!device) throw new NotFoundError('Device', field);
  if (device.kind !== 'equipment') {
    throw new ValidationError(`${device.name} is a room, not a device. Choose the device used.`, { field, code: 'not_a_device' });
  }
  if (device.clinicId !== context.clinicId) {
    throw new ValidationError(`${device.name} is at another clinic. Choose a device of the booking’s clinic.`, {
      field,
      code: 'device_at_another_clinic',
    });
  }
  if (!device.active && device.id !== context.currentDeviceId) {
    throw new ValidationError(`${device.name} is no longer in use. Choose another device.`, { field, code: 'device_inactive' });
  }
}

/** Replaces the chart's laser / device section after checking its device. */
export async function replaceLaserSection(
  tx: Transaction,
  practiceId: string,
  procedureId: string,
  laser: LaserSettingsInput,
  clinicId: string,
): Promise<void> {
  const current = await sectionRepository.findLaserSettings(tx, practiceId, procedureId);
  if (laser.deviceId !== null) {
    await checkDevice(tx, practiceId, laser.deviceId, { clinicId, currentDeviceId: current?.deviceResourceId ?? null });
  }
  await sectionRepository.replaceLaserSettings(tx, practiceId, procedureId, {
    deviceResourceId: laser.deviceId,
    skinType: laser.skinType,
    testSpot: laser.testSpot,
    rows: laser.settings,
  });
}

/** The laser section as read in the chart's transaction, with its device's name. */
export interface LaserDraft {
  record: sectionRepository.LaserSettingsRecord;
  device: ResourceSummary | undefined;
}

export async function readLaserDraft(tx: Transaction, practiceId: string, procedureId: string): Promise<LaserDraft | null> {
  const record = await sectionRepository.findLaserSettings(tx, practiceId, procedureId);
  if (!record) return null;
  const device = record.deviceResourceId
    ? (await findResourceSummariesWithin(tx, practiceId, [record.deviceResourceId])).get(record.deviceResourceId)
    : undefined;
  return { record, device };
}

export function toLaserSettings(draft: LaserDraft | null): LaserSettings | null {
  if (!draft) return null;
  const { record, device } = draft;
  return {
    device: record.deviceResourceId ? { id: record.deviceResourceId, name: device?.name ?? 'A removed device' } : null,
    skinType: record.skinType,
    settings: record.rows,
    testSpot: record.testSpot,
  };
}
