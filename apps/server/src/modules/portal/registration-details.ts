import type { CreatePatientRequest, RegistrationDetails, RegistrationField, StoredRegistrationDetails } from '@glowdesk/contracts';

/** The registration's fields as stored: every key present, absent ones null. */
export function storedDetailsOf(input: RegistrationDetails): StoredRegistrationDetails {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    phone: input.phone ?? null,
    email: input.email ?? null,
    dateOfBirth: input.dateOfBirth,
    gender: input.gender ?? null,
    address: input.address
      ? {
          line1: input.address.line1,
          line2: input.address.line2 || null,
          city: input.address.city,
          region: input.address.region,
          postalCode: input.address.postalCode,
          country: input.address.country ?? null,
        }
      : null,
    referralSource: input.referralSource || null,
    marketingOptIn: input.marketingOptIn ?? false,
  };
}

type ProfileFields = Omit<CreatePatientRequest, 'firstName' | 'lastName'>;

/** The profile fields one registration field fills. */
export function profileFieldsOf(
  details: StoredRegistrationDetails,
  field: RegistrationField,
): ProfileFields & Partial<CreatePatientRequest> {
  switch (field) {
    case 'firstName':
      return { firstName: details.firstName };
    case 'lastName':
      return { lastName: details.lastName };
    case 'phone':
      return { phone: details.phone };
    case 'email':
      return { email: details.email };
    case 'dateOfBirth':
      return { dateOfBirth: details.dateOfBirth };
    case 'gender':
      return { gender: details.gender };
    case 'address':
      return {
        addressLine1: details.address?.line1 ?? null,
        addressLine2: details.address?.line2 ?? null,
        city: details.address?.city ?? null,
        region: details.address?.region ?? null,
        postalCode: details.address?.postalCode ?? null,
        country: details.address?.country ?? null,
      };
    case 'referralSource':
      return { referralSource: details.referralSource };
    case 'marketingConsent':
      return { marketingConsent: details.marketingOptIn };
    default: {
      const unknown: never = field;
      throw new Error(`unknown registration field ${String(unknown)}`);
    }
  }
}

const everyField: RegistrationField[] = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'dateOfBirth',
  'gender',
  'address',
  'referralSource',
  'marketingConsent',
];

/** A new profile made of the whole registration; the channel the code proved is the preferred one. */
export function newProfileOf(details: StoredRegistrationDetails, channel: 'sms' | 'email'): CreatePatientRequest {
  const fields = Object.assign({}, ...everyField.map((field) => profileFieldsOf(details, field))) as ProfileFields;
  return { ...fields, firstName: details.firstName, lastName: details.lastName, preferredChannel: channel };
}

/** The fields of `fields` copied onto a profile (staff's merge), without names unless chosen. */
export function chosenProfileFieldsOf(
  details: StoredRegistrationDetails,
  fields: readonly RegistrationField[],
): Partial<CreatePatientRequest> {
  return Object.assign({}, ...fields.map((field) => profileFieldsOf(details, field))) as Partial<CreatePatientRequest>;
}
