import { describe, expect, it } from 'vitest';
import type { CatalogService } from './booking-catalog.ts';
import { layOutServices } from './booking-timeline.ts';

function service(durationMinutes: number, bufferBeforeMinutes: number, bufferAfterMinutes: number): CatalogService {
  return {
    serviceId: crypto.randomUUID(),
    name: 's',
    durationMinutes,
    bufferBeforeMinutes,
    bufferAfterMinutes,
    priceCents: 0,
    currency: 'USD',
    mode: 'in_person',
    resourceIds: [],
  };
}

describe('layOutServices', () => {
  it('books services back to back for the patient and blocks the provider for the buffers too', () => {
    const timeline = layOutServices([service(30, 10, 5), service(45, 0, 15)], new Date('2026-03-02T15:00:00Z'));
    expect(timeline.segments.map((segment) => [segment.start.toISOString(), segment.end.toISOString()])).toEqual([
      ['2026-03-02T15:00:00.000Z', '2026-03-02T15:30:00.000Z'],
      ['2026-03-02T15:30:00.000Z', '2026-03-02T16:15:00.000Z'],
    ]);
    expect(timeline.visitEnd.toISOString()).toBe('2026-03-02T16:15:00.000Z');
    expect(timeline.providerStart.toISOString()).toBe('2026-03-02T14:50:00.000Z');
    expect(timeline.providerEnd.toISOString()).toBe('2026-03-02T16:30:00.000Z');
  });

  it('lets a middle service’s after-buffer be covered by a longer final service', () => {
    const timeline = layOutServices([service(20, 0, 30), service(60, 0, 0)], new Date('2026-03-02T15:00:00Z'));
    expect(timeline.providerEnd.toISOString()).toBe('2026-03-02T16:20:00.000Z');
  });
});
