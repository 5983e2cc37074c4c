import { registerPatientSchema } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { emptyForm, registrationOf } from './registration-form.ts';

describe('registrationOf', () => {
  it('leaves out what was not filled in and reads a North American phone as E.164', () => {
    const registration = registrationOf({
      ...emptyForm,
      firstName: 'Noor',
      lastName: 'Haddad',
      dateOfBirth: '1994-05-06',
      phone: '(212) 555-0123',
    });
    expect(registration).toEqual({
      channel: 'sms',
      phone: '+12125550123',
      firstName: 'Noor',
      lastName: 'Haddad',
      dateOfBirth: '1994-05-06',
      marketingOptIn: false,
    });
    expect(registerPatientSchema.safeParse(registration).success).toBe(true);
  });

  it('sends the address once any part of it is filled in, so a missing city is named', () => {
    const registration = registrationOf({ ...emptyForm, email: 'a@example.com', channel: 'email', line1: '48 Mercer St' });
    expect(registration.address).toEqual({ line1: '48 Mercer St', city: '', region: '', postalCode: '', country: 'US' });
    const checked = registerPatientSchema.safeParse({ ...registration, firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' });
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['address.city', 'address.region', 'address.postalCode']),
    );
  });
});
