import type { Transaction } from '../../platform/database.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import * as availabilityRepository from './availability-repository.ts';
import type { BookableServiceRow } from './availability-repository.ts';
import * as packageRepository from './package-repository.ts';
import { throwIfProblems } from './reference-checks.ts';

/** What to book: services in order, or a package (its services in its order). */
export type ServiceSelection = { serviceIds: readonly string[]; packageId?: undefined } | { packageId: string; serviceIds?: undefined };

export interface ServiceSequence {
  packageId: string | null;
  /** In booking order; a service listed twice appears twice. */
  services: (BookableServiceRow & { field: string })[];
}

/**
 * The services of a selection at a clinic, in booking order, each active and offered there.
 * Availability and booking both resolve a selection here, so they accept exactly the same
 * requests. Errors name the request field: `serviceIds[i]`, or `packageId`.
 */
export async function loadServiceSequence(
  tx: Transaction,
  practiceId: string,
  clinic: { id: string; name: string },
  selection: ServiceSelection,
): Promise<ServiceSequence> {
  let serviceIds: readonly string[];
  let fieldOf: (index: number) => string;
  if (selection.packageId === undefined) {
    serviceIds = selection.serviceIds;
    fieldOf = (index) => `serviceIds[${index}]`;
  } else {
    const found = await packageRepository.findServicePackage(tx, practiceId, selection.packageId);
    if (!found) throw new NotFoundError('Service package', 'packageId');
    if (!found.active) throw new ValidationError(`${found.name} is deactivated.`, { field: 'packageId', code: 'inactive' });
    serviceIds = found.serviceIds;
    fieldOf = () => 'packageId';
  }
  if (serviceIds.length === 0) throw new ValidationError('Choose at least one service.', { field: 'serviceIds', code: 'required' });
  const rows = await availabilityRepository.findServicesForSearch(tx, practiceId, clinic.id, [...new Set(serviceIds)]);
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  const problems: FieldProblem[] = [];
  const services = serviceIds.map((serviceId, index) => {
    const row = rowsById.get(serviceId);
    if (!row) throw new NotFoundError('Service', fieldOf(index));
    if (!row.active) problems.push({ field: fieldOf(index), message: `${row.name} is deactivated.`, code: 'inactive' });
    else if (!row.offeredAtClinic)
      problems.push({ field: fieldOf(index), message: `${row.name} is not offered at ${clinic.name}.`, code: 'not_offered_at_clinic' });
    return { ...row, field: fieldOf(index) };
  });
  throwIfProblems(problems);
  return { packageId: selection.packageId ?? null, services };
}

export type VisitMode = 'in_person' | 'virtual';

/**
 * Checks every service of the sequence can be given in `mode` (400 naming `mode`), and
 * returns the mode: when none is asked for, virtual if every service is virtual-only,
 * else in person.
 */
export function resolveVisitMode(sequence: ServiceSequence, requested: VisitMode | undefined): VisitMode {
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
