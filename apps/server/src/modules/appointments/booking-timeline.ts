import type { CatalogService } from './booking-catalog.ts';

const MINUTE_MS = 60_000;

export interface TimedSegment {
  position: number;
  service: CatalogService;
  start: Date;
  end: Date;
}

export interface BookingTimeline {
  segments: TimedSegment[];
  /** The patient's visit: first service start to last service end. */
  visitStart: Date;
  visitEnd: Date;
  /** The provider's blocked time: every segment with its own buffers. */
  providerStart: Date;
  providerEnd: Date;
}

/** Lays services back to back from `start`; buffers block the provider, not the patient. */
export function layOutServices(services: readonly CatalogService[], start: Date): BookingTimeline {
  let cursor = start.getTime();
  let providerStart = Number.POSITIVE_INFINITY;
  let providerEnd = Number.NEGATIVE_INFINITY;
  const segments = services.map((service, index) => {
    const segmentStart = cursor;
    const segmentEnd = cursor + service.durationMinutes * MINUTE_MS;
    providerStart = Math.min(providerStart, segmentStart - service.bufferBeforeMinutes * MINUTE_MS);
    providerEnd = Math.max(providerEnd, segmentEnd + service.bufferAfterMinutes * MINUTE_MS);
    cursor = segmentEnd;
    return { position: index + 1, service, start: new Date(segmentStart), end: new Date(segmentEnd) };
  });
  return {
    segments,
    visitStart: start,
    visitEnd: new Date(cursor),
    providerStart: new Date(providerStart),
    providerEnd: new Date(providerEnd),
  };
}
