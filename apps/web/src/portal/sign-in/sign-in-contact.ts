import type { RequestSignInCode, SignInChannel } from '@glowdesk/contracts';

/** The level of each sign-in step's heading: 1 on a page of its own, 2 inside another page's step. */
export type SignInHeadingOrder = 1 | 2;

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
