import type { RequestSignInCode, SignInChannel } from '@glowdesk/contracts';

/** The phone or email a code goes to, as the API takes it. */
export type SignInContact = { channel: 'sms'; phone: string } | { channel: 'email'; email: string };

export function contactRequest(contact: SignInContact): RequestSignInCode {
  return contact.channel === 'sms' ? { channel: 'sms', phone: contact.phone } : { channel: 'email', email: contact.email };
}

export function describeContact(contact: SignInContact): string {
  return contact.channel === 'sms' ? contact.phone : contact.email;
}

export function contactNoun(channel: SignInChannel): string {
  return channel === 'sms' ? 'phone number' : 'email address';
}
