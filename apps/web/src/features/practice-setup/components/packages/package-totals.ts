import type { Service } from '@glowdesk/contracts';

export interface PackageTotals {
  /** The patient's time, the services back to back (buffers block only the provider). */
  durationMinutes: number;
  /** What the services cost one by one, in cents. */
  separatePriceCents: number;
  /** Ids not found among `services`. */
  missing: number;
}

export function packageTotals(serviceIds: readonly string[], services: readonly Service[]): PackageTotals {
  const byId = new Map(services.map((service) => [service.id, service]));
  let durationMinutes = 0;
  let separatePriceCents = 0;
  let missing = 0;
  for (const serviceId of serviceIds) {
    const service = byId.get(serviceId);
    if (!service) {
      missing += 1;
      continue;
    }
    durationMinutes += service.durationMinutes;
    separatePriceCents += service.priceCents;
  }
  return { durationMinutes, separatePriceCents, missing };
}
