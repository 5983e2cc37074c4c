import type { Gender, RegisterPatient, SignInChannel } from '@glowdesk/contracts';
import { toInternationalPhone } from '../sign-in/phone-number.ts';

/** The New Client Registration form as typed. */
export interface FormValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  channel: SignInChannel;
  gender: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  referralSource: string;
  marketingOptIn: boolean;
}

export const emptyForm: FormValues = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  phone: '',
  email: '',
  channel: 'sms',
  gender: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'US',
  referralSource: '',
  marketingOptIn: false,
};

export const referralSources = [
  'Google or another search',
  'Instagram',
  'Facebook',
  'TikTok',
  'A friend or family member',
  'Walked or drove by',
  'Another clinic or doctor',
  'Other',
];

/** The registration as the API takes it: empty optional fields left out. */
export function registrationOf(values: FormValues): RegisterPatient {
  const phone = values.phone.trim() ? toInternationalPhone(values.phone) : undefined;
  const email = values.email.trim() || undefined;
  const hasAddress = [values.line1, values.line2, values.city, values.region, values.postalCode].some((part) => part.trim());
  return {
    channel: values.channel,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    firstName: values.firstName,
    lastName: values.lastName,
    dateOfBirth: values.dateOfBirth,
    ...(values.gender ? { gender: values.gender as Gender } : {}),
    ...(hasAddress
      ? {
          address: {
            line1: values.line1,
            ...(values.line2.trim() ? { line2: values.line2 } : {}),
            city: values.city,
            region: values.region,
            postalCode: values.postalCode,
            ...(values.country.trim() ? { country: values.country.trim() } : {}),
          },
        }
      : {}),
    ...(values.referralSource ? { referralSource: values.referralSource } : {}),
    marketingOptIn: values.marketingOptIn,
  };
}
