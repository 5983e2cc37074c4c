import type { Transaction } from '../../platform/database.ts';

/** A booking that holds a unit of a resource. */
export interface ResourceUnitBooking {
  appointmentId: string;
  startsAt: Date;
  unit: number;
}

/**
 * Where the practice module learns which bookings hold a resource's units, so that a
 * resource's quantity is not lowered below what is booked. The appointments module
 * implements it over its resource claims; buildApp passes it in. It runs inside the
 * resource update's transaction.
 */
export interface ResourceUnitBookings {
  /** Live bookings of the resource that hold a unit numbered above `units` and end after `after`. */
  findBookingsAboveUnit(
    tx: Transaction,
    query: { practiceId: string; resourceId: string; units: number; after: Date },
  ): Promise<ResourceUnitBooking[]>;
}

export const noResourceUnitBookings: ResourceUnitBookings = {
  async findBookingsAboveUnit() {
    return [];
  },
};
