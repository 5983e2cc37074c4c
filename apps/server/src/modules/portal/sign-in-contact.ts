import { createHash, randomInt } from 'node:crypto';
import type { SignInChannel } from './portal-tables.ts';

/** A phone (E.164) or email (lower-case) a code is sent to, and the channel it goes by. */
export interface SignInContact {
  channel: SignInChannel;
  address: string;
}

/** A sign-in request's channel and the address the request schema required for it. */
export interface ContactInput {
  channel: SignInChannel;
  phone?: string | undefined;
  email?: string | undefined;
}

export function contactOf(input: ContactInput): SignInContact {
  const address = input.channel === 'sms' ? input.phone : input.email;
  // The request schema has already required the channel's address.
  if (address === undefined) throw new Error(`sign-in request without its ${input.channel === 'sms' ? 'phone' : 'email'}`);
  return { channel: input.channel, address };
}

/** How the code tables name a contact without holding it. */
export function hashContact(contact: SignInContact): string {
  return createHash('sha256').update(`${contact.channel}:${contact.address}`).digest('hex');
}

/** Six random digits, leading zeros kept. */
export function generateSignInCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Last names compared the way people type them: case, accents and spacing aside. */
export function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s'’-]+/g, ' ')
    .trim();
}
