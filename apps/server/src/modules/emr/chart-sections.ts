import type { LaserSettingsInput, ProductUsedInput, SoapNotes } from '@glowdesk/contracts';
import { localDateIn } from '@glowdesk/scheduling';
import type { Clock } from '../../platform/clock.ts';
import type { Transaction } from '../../platform/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import { findAppointmentSnapshotWithin } from '../appointments/index.ts';
import { findClinicContactWithin } from '../practice/index.ts';
import { replaceLaserSection } from './chart-laser.ts';
import { lotTakesOfProducts, lotUnitsOfProducts } from './chart-products-used.ts';
import * as sectionRepository from './chart-section-repository.ts';
import * as repository from './emr-repository.ts';
import { moveLotStock, type LotTake } from './lot-stock.ts';

/** An injectable as edited: whole `units` from a units lot or `milliliters` from an mL lot (decision 043). */
export interface ChartInjectable {
  lotId: string;
  units?: number | undefined;
  milliliters?: number | undefined;
  area: string;
  point?: { x: number; y: number } | null | undefined;
}

export interface ChartEdit {
  notes?: SoapNotes | undefined;
  injectables?: ChartInjectable[] | undefined;
  laser?: LaserSettingsInput | undefined;
  productsUsed?: ProductUsedInput[] | undefined;
}

/** Each part of an edit must be a section of the chart's procedure type (400 naming the part). */
export function assertEditFitsType(edit: ChartEdit, sections: readonly string[]): void {
  const parts = [
    { field: 'notes', section: 'clinical_notes', name: 'clinical notes' },
    { field: 'injectables', section: 'injectables', name: 'injectables' },
    { field: 'laser', section: 'laser_settings', name: 'laser / device settings' },
    { field: 'productsUsed', section: 'products_used', name: 'products used' },
  ] as const;
  for (const part of parts) {
    if (edit[part.field] !== undefined && !sections.includes(part.section)) {
      throw new ValidationError(`This procedure type has no ${part.name} section.`, { field: part.field, code: 'section_not_in_type' });
    }
  }
}

/**
 * Each injectable gives its amount the way its lot counts (400 naming the amount otherwise):
 * `units` from a units lot, `milliliters` from an mL lot. An unknown lot is left to the
 * stock move, which answers 404 naming the entry's lot.
 */
async function lotTakesOfInjectables(tx: Transaction, practiceId: string, entries: readonly ChartInjectable[]): Promise<LotTake[]> {
  const lots = await repository.findLots(
    tx,
    practiceId,
    entries.map((entry) => entry.lotId),
  );
  return entries.map((entry, index) => {
    const lot = lots.get(entry.lotId);
    const field = `injectables[${index}]`;
    if (lot?.unit === 'mL' && entry.milliliters === undefined) {
      throw new ValidationError(`Lot ${lot.lotNumber} of ${lot.productName} is counted in mL: chart this entry in milliliters.`, {
        field: `${field}.units`,
        code: 'amount_not_in_lot_unit',
      });
    }
    if (lot?.unit === 'units' && entry.units === undefined) {
      throw new ValidationError(`Lot ${lot.lotNumber} of ${lot.productName} is counted in units: chart this entry in units.`, {
        field: `${field}.milliliters`,
        code: 'amount_not_in_lot_unit',
      });
    }
    return entry.milliliters === undefined
      ? { lotId: entry.lotId, amount: entry.units ?? 0, field: `${field}.lotId` }
      : { lotId: entry.lotId, amount: entry.milliliters, field: `${field}.lotId`, amountField: `${field}.milliliters` };
  });
}

/**
 * Replaces the lists and sections an edit sends, in the chart's transaction (its row is
 * held by the edit): injectables and products used give their old units back to the lots
 * and take the new ones in one netted move; the laser section is checked and replaced.
 */
export async function replaceChartSections(
  tx: Transaction,
  clock: Clock,
  practiceId: string,
  chart: { procedureId: string; appointmentId: string },
  edit: ChartEdit,
): Promise<void> {
  const { injectables, productsUsed, laser } = edit;
  if (!injectables && !productsUsed && !laser) return;
  const { procedureId } = chart;
  const appointment = await findAppointmentSnapshotWithin(tx, practiceId, chart.appointmentId);
  if (!appointment) throw new Error(`procedure ${procedureId} points at a missing booking`);
  if (injectables || productsUsed) {
    const clinic = await findClinicContactWithin(tx, practiceId, appointment.clinicId);
    const today = localDateIn(clinic?.timezone ?? 'UTC', clock.now().getTime());
    const taken = [
      ...(injectables ? await lotTakesOfInjectables(tx, practiceId, injectables) : []),
      ...(productsUsed ? await lotTakesOfProducts(tx, practiceId, productsUsed) : []),
    ];
    const returned = [
      ...(injectables
        ? (await repository.deleteInjectables(tx, practiceId, procedureId)).map((record) => ({
            lotId: record.lotId,
            amount: record.units ?? record.milliliters ?? 0,
          }))
        : []),
      ...(productsUsed ? lotUnitsOfProducts(await sectionRepository.deleteProductsUsed(tx, practiceId, procedureId)) : []),
    ];
    await moveLotStock(tx, practiceId, returned, taken, today);
    if (injectables) await repository.insertInjectables(tx, practiceId, procedureId, injectables);
    if (productsUsed) await sectionRepository.insertProductsUsed(tx, practiceId, procedureId, productsUsed);
  }
  if (laser) await replaceLaserSection(tx, practiceId, procedureId, laser, appointment.clinicId);
}
