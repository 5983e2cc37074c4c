/**
 * GSM 03.38, the 7-bit alphabet every phone reads: a text written only in it fits 160
 * characters in one SMS. (The escape code 0x1B is left out: it cannot be typed.)
 */
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM extension characters: each takes two of the 160 (an escape, then the character). */
const gsmExtension = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
  /** What the provider's limit counts (UTF-16 code units, as the server measures). */
  characters: number;
  encoding: SmsEncoding;
  /** How many SMS the carrier splits it into and bills; 0 for an empty text. */
  segments: number;
  /** Characters per segment at this length: 160/153 in GSM-7, 70/67 otherwise. */
  perSegment: number;
}

/**
 * How long a text message is for the provider and the carrier. One character outside the
 * GSM alphabet (an em dash, curly quote, emoji…) makes the whole text UCS-2, which fits 70
 * characters per SMS instead of 160; a longer text is split into parts of 153 or 67, the
 * rest of each part carrying the header that joins them again.
 */
export function measureSms(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const character of text) {
    if (gsmBasic.has(character)) septets += 1;
    else if (gsmExtension.has(character)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    const perSegment = septets <= 160 ? 160 : 153;
    return { characters: text.length, encoding: 'gsm7', segments: Math.ceil(septets / perSegment), perSegment };
  }
  const perSegment = text.length <= 70 ? 70 : 67;
  return { characters: text.length, encoding: 'ucs2', segments: Math.ceil(text.length / perSegment), perSegment };
}
