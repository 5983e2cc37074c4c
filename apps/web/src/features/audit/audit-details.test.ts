import { describe, expect, it } from 'vitest';
import { describeAuditDetails, labelAuditKey } from './audit-details.ts';

describe('audit details for people', () => {
  it('labels keys in words', () => {
    expect(labelAuditKey('possibleDuplicateIds')).toBe('Possible duplicate IDs');
    expect(labelAuditKey('offset_minutes')).toBe('Offset minutes');
    expect(labelAuditKey('frontDeskMayRefund')).toBe('Front desk may refund');
  });

  it('writes instants in the practice’s zone, dates spelled out, flags as yes or no, lists joined', () => {
    const fields = describeAuditDetails(
      {
        startsAt: '2026-03-10T14:00:00.000Z',
        dateOfBirth: '1982-04-21',
        allowDoubleBooking: true,
        changedFields: ['email', 'phone'],
        resultCount: 1200,
        reason: null,
      },
      'America/New_York',
    );
    expect(fields).toEqual([
      { label: 'Starts at', value: expect.stringMatching(/^Mar 10, 2026, 10:00:00\sAM EDT$/) as unknown },
      { label: 'Date of birth', value: 'Apr 21, 1982' },
      { label: 'Double booking allowed', value: 'Yes' },
      { label: 'Changed fields', value: 'email, phone' },
      { label: 'Result count', value: '1,200' },
      { label: 'Reason', value: 'None' },
    ]);
  });

  it('nests a before-and-after change instead of printing JSON', () => {
    expect(describeAuditDetails({ before: { role: 'provider' }, after: { role: 'admin' } }, 'UTC')).toEqual([
      { label: 'Before', fields: [{ label: 'Role', value: 'provider' }] },
      { label: 'After', fields: [{ label: 'Role', value: 'admin' }] },
    ]);
  });
});
