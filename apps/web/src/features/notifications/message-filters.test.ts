import { describe, expect, it } from 'vitest';
import { appointmentMessagesPath, readMessageFilters, writeMessageFilters } from './message-filters.ts';

const appointmentId = '3f2b6c1e-8a4d-4c3b-9e2f-1a2b3c4d5e6f';

describe('message filters in the address', () => {
  it('reads back what it wrote', () => {
    const filters = { status: 'failed', channel: 'sms', appointmentId, patientId: undefined } as const;
    expect(readMessageFilters(writeMessageFilters(filters))).toEqual(filters);
  });

  it('ignores values the API would refuse', () => {
    expect(readMessageFilters(new URLSearchParams('status=lost&channel=fax&appointment=42'))).toEqual({
      status: undefined,
      channel: undefined,
      appointmentId: undefined,
      patientId: undefined,
    });
  });

  it('links to one appointment’s messages', () => {
    expect(appointmentMessagesPath(appointmentId)).toBe(`/settings/messages?appointment=${appointmentId}`);
  });
});
