/** What a service charges when its appointment is cancelled late or missed (from practice setup). */
export interface ServiceFee {
  currency: string;
  cancellationFeeCents: number;
  noShowFeeCents: number;
}

export interface AppointmentFees {
  /** Sum over the appointment's services, each counted once per time it is booked. */
  cancellationFeeCents: number;
  noShowFeeCents: number;
  /** The services' currency; null when they disagree (no fee can be charged then). */
  currency: string | null;
}

/**
 * The fees of an appointment: the sum of its services' fees. A package is billed like its
 * services (packages carry a price, not fees). A service the catalog no longer has adds nothing.
 */
export function sumServiceFees(
  services: readonly { serviceId: string; currency: string }[],
  fees: ReadonlyMap<string, ServiceFee>,
): AppointmentFees {
  let cancellationFeeCents = 0;
  let noShowFeeCents = 0;
  const currencies = new Set<string>();
  for (const service of services) {
    const fee = fees.get(service.serviceId);
    currencies.add(fee?.currency ?? service.currency);
    if (!fee) continue;
    cancellationFeeCents += fee.cancellationFeeCents;
    noShowFeeCents += fee.noShowFeeCents;
  }
  const [only] = currencies;
  return { cancellationFeeCents, noShowFeeCents, currency: currencies.size === 1 && only ? only : null };
}

/**
 * True when cancelling or rescheduling now is "late": less than `windowHours` before the
 * start, or after it. A window of 0 hours is never late before the start.
 */
export function isInsideCancellationWindow(now: Date, startsAt: Date, windowHours: number): boolean {
  return now.getTime() > startsAt.getTime() - windowHours * 3_600_000;
}
