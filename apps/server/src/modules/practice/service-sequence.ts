import type { ServiceMode } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import * as availabilityRepository from './availability-repository.ts';
import type { BookableServiceRow } from './availability-repository.ts';
import * as packageRepository from './package-repository.ts';
import { throwIfProblems } from './reference-checks.ts';

/** What to book: services in order, or a package (its services in its order). */
export type ServiceSelection = { serviceIds: readonly string[]; packageId?: undefined } | { packageId: string; serviceIds?: undefined };

/** What sequencing needs of a requested service row. */
export interface SequencedServiceRow {
  id: string;
  name: string;
  active: boolean;
  mode: ServiceMode;
  offeredAtClinic: boolean;
}

export interface ServiceSequence<Row extends SequencedServiceRow = BookableServiceRow> {
  packageId: string | null;
  /** In booking order; a service listed twice appears twice. */
  services: (Row & { field: string })[];
}

/** A selection's package as sequencing needs it (its services in the package's order). */
export interface SelectedPackage {
  name: string;
  active: boolean;
  serviceIds: readonly string[];
}

/**
 * The service ids a selection books, in order: its own list, or its package's (which must
 * exist and be active). `fieldOf` names the request field each id came from.
 */
export function serviceIdsOfSelection(
  selection: ServiceSelection,
  selectedPackage: SelectedPackage | undefined,
): { serviceIds: readonly string[]; fieldOf: (index: number) => string } {
  if (selection.packageId === undefined) {
    const serviceIds = selection.serviceIds;
    if (serviceIds.length === 0) throw new ValidationError('Choose at least one service.', { field: 'serviceIds', code: 'required' });
    return { serviceIds, fieldOf: (index) => `serviceIds[${index}]` };
  }
  if (!selectedPackage) throw new NotFoundError('Service package', 'packageId');
  if (!selectedPackage.active)
    throw new ValidationError(`${selectedPackage.name} is deactivated.`, { field: 'packageId', code: 'inactive' });
  if (selectedPackage.serviceIds.length === 0) {
    throw new ValidationError('Choose at least one service.', { field: 'serviceIds', code: 'required' });
  }
  return { serviceIds: selectedPackage.serviceIds, fieldOf: () => 'packageId' };
}

/**
 * Puts the rows read for a selection in booking order, each active and offered at the
 * clinic; errors name the request field (`serviceIds[i]`, or `packageId`).
 */
export function sequenceServices<Row extends SequencedServiceRow>(
  selection: ServiceSelection,
  ids: { serviceIds: readonly string[]; fieldOf: (index: number) => string },
  rows: readonly Row[],
  clinic: { name: string },
): ServiceSequence<Row> {
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  const problems: FieldProblem[] = [];
  const services = ids.serviceIds.map((serviceId, index) => {
    const row = rowsById.get(serviceId);
    if (!row) throw new NotFoundError('Service', ids.fieldOf(index));
    if (!row.active) problems.push({ field: ids.fieldOf(index), message: `${row.name} is deactivated.`, code: 'inactive' });
    else if (!row.offeredAtClinic)
      problems.push({ field: ids.fieldOf(index), message: `${row.name} is not offered at ${clinic.name}.`, code: 'not_offered_at_clinic' });
    return { ...row, field: ids.fieldOf(index) };
  });
  throwIfProblems(problems);
  return { packageId: selection.packageId ?? null, services };
}

/**
 * The services of a selection at a clinic, in booking order, each active and offered there.
 * Availability and booking both resolve a selection by these rules, so they accept exactly
 * the same requests. Errors name the request field: `serviceIds[i]`, or `packageId`.
 */
export async function loadServiceSequence(
  tx: Transaction,
  practiceId: string,
  clinic: { id: string; name: string },
  selection: ServiceSelection,
): Promise<ServiceSequence> {
  const selectedPackage =
    selection.packageId === undefined ? undefined : await packageRepository.findServicePackage(tx, practiceId, selection.packageId);
  const ids = serviceIdsOfSelection(selection, selectedPackage);
  const rows = await availabilityRepository.findServicesForSearch(tx, practiceId, clinic.id, [...new Set(ids.serviceIds)]);
  return sequenceServices(selection, ids, rows, clinic);
}

export type VisitMode = 'in_person' | 'virtual';

/**
 * Checks every service of the sequence can be given in `mode` (400 naming `mode`), and
 * returns the mode: when none is asked for, virtual if every service is virtual-only,
 * else in person.
 */
export function resolveVisitMode(sequence: ServiceSequence<SequencedServiceRow>, requested: VisitMode | undefined): VisitMode {
  const mode = requested ?? (sequence.services.every((service) => service.mode === 'virtual') ? 'virtual' : 'in_person');
  const misfit = sequence.services.find((service) => service.mode !== 'both' && service.mode !== mode);
  if (misfit) {
    throw new ValidationError(`${misfit.name} is ${misfit.mode === 'virtual' ? 'a virtual-only service' : 'given in person only'}.`, {
      field: 'mode',
      code: 'mode_not_offered',
    });
  }
  return mode;
}

/** Resources each service claims in a visit of this mode: none for a video visit. */
export function resourcesNeededIn(mode: VisitMode, service: { resourceIds: string[] }): string[] {
  return mode === 'virtual' ? [] : service.resourceIds;
}
