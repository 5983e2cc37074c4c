import { describe, expect, it } from 'vitest';
import { bookingFormSchema, formPathOf, initialBookingValues, toCreateRequest, type BookingFormValues } from './booking-form-values.ts';

const today = '2026-11-16';
const clinicId = '00000000-0000-4000-8000-000000000001';
const providerId = '00000000-0000-4000-8000-000000000002';
const serviceId = '00000000-0000-4000-8000-000000000003';

function valuesWith(changes: Partial<BookingFormValues>): BookingFormValues {
  return { ...initialBookingValues({ clinicId, localDate: today, startMin: 600, providerId }), ...changes };
}

function errorPaths(values: BookingFormValues): string[] {
  const result = bookingFormSchema(today).safeParse(values);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('booking form rules', () => {
  it('asks for services and the new patient’s names when nothing is filled in', () => {
    expect(errorPaths(valuesWith({}))).toEqual(['serviceIds', 'newPatient.firstName', 'newPatient.lastName']);
  });

  it('accepts an appointment with a service and a new patient', () => {
    expect(
      errorPaths(valuesWith({ serviceIds: [serviceId], newPatient: { firstName: 'Ana', lastName: 'Ruiz', email: '', phone: '' } })),
    ).toEqual([]);
  });

  it('refuses a past date, a bad email and a phone that is not a number, naming each field', () => {
    const values = valuesWith({
      localDate: '2026-11-15',
      serviceIds: [serviceId],
      newPatient: { firstName: 'Ana', lastName: 'Ruiz', email: 'ana@', phone: '555' },
    });
    expect(errorPaths(values)).toEqual(['localDate', 'newPatient.email', 'newPatient.phone']);
  });

  it('asks a block for a title and an end after its start', () => {
    expect(errorPaths(valuesWith({ kind: 'out_of_office', endMin: 600 }))).toEqual(['title', 'endMin']);
  });

  it('asks for the card when "Enter Credit Card Details" is ticked and none is entered', () => {
    const values = valuesWith({
      serviceIds: [serviceId],
      newPatient: { firstName: 'A', lastName: 'B', email: '', phone: '' },
      enterCard: true,
    });
    expect(errorPaths(values)).toEqual(['card']);
  });
});

describe('the booking request', () => {
  it('sends the start in the clinic’s zone, the services in order and the new patient in E.164', () => {
    const values = valuesWith({
      serviceIds: [serviceId, null],
      newPatient: { firstName: ' Ana ', lastName: 'Ruiz', email: '', phone: '(212) 555-0123' },
    });
    expect(toCreateRequest(values, { timeZone: 'America/New_York', mode: 'in_person', serviceIds: [serviceId] })).toEqual({
      kind: 'appointment',
      mode: 'in_person',
      clinicId,
      providerId,
      serviceIds: [serviceId],
      start: '2026-11-16T15:00:00.000Z',
      newPatient: { firstName: 'Ana', lastName: 'Ruiz', phone: '+12125550123' },
      allowDoubleBooking: false,
      requireCardOnFile: false,
    });
  });

  it('maps the server’s fields onto the form', () => {
    expect(formPathOf('start')).toBe('startMin');
    expect(formPathOf('serviceIds.0')).toBe('serviceIds');
    expect(formPathOf('newPatient.email')).toBe('newPatient.email');
    expect(formPathOf('newPatient.dateOfBirth')).toBe('patient');
    expect(formPathOf('gatewayToken')).toBe('card');
  });
});
