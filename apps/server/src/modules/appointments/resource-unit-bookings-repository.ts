import { and, asc, eq, gt } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { appointments, resourceClaims } from './appointments-tables.ts';

/**
 * The practice module's `ResourceUnitBookings` port over resource claims (a claim exists only
 * while its appointment is live): which bookings hold a unit above `units` from `after` on.
 */
export const appointmentResourceUnitBookings = {
  async findBookingsAboveUnit(
    tx: Transaction,
    query: { practiceId: string; resourceId: string; units: number; after: Date },
  ): Promise<{ appointmentId: string; startsAt: Date; unit: number }[]> {
    const rows = await tx
      .selectDistinct({ appointmentId: resourceClaims.appointmentId, startsAt: appointments.startsAt, unit: resourceClaims.unit })
      .from(resourceClaims)
      .innerJoin(
        appointments,
        and(eq(appointments.practiceId, resourceClaims.practiceId), eq(appointments.id, resourceClaims.appointmentId)),
      )
      .where(
        and(
          eq(resourceClaims.practiceId, query.practiceId),
          eq(resourceClaims.resourceId, query.resourceId),
          gt(resourceClaims.endsAt, query.after),
          gt(resourceClaims.unit, query.units),
        ),
      )
      .orderBy(asc(appointments.startsAt), asc(resourceClaims.appointmentId))
      .limit(50);
    return rows;
  },
};
