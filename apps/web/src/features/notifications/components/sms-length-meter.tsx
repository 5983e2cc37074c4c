import { Text } from '@mantine/core';
import { measureSms } from '../sms-length.ts';

/**
 * "152 / 1,600 characters · 3 SMS segments": what the provider's limit counts, and how many
 * messages the carrier splits the text into (each billed).
 */
export function SmsLengthMeter({ text, maxLength, id }: { text: string; maxLength: number; id?: string }) {
  const { characters, segments, encoding, perSegment } = measureSms(text);
  const over = characters > maxLength;
  return (
    <Text id={id} size="xs" c={over ? 'red.7' : 'dimmed'} aria-live="polite" data-testid="sms-length">
      {characters.toLocaleString('en-US')} / {maxLength.toLocaleString('en-US')} characters · {segments} SMS{' '}
      {segments === 1 ? 'segment' : 'segments'}
      {encoding === 'ucs2' && segments > 0
        ? ` of ${perSegment} characters: the text has characters outside the basic SMS alphabet, such as — ’ or emoji`
        : ''}
    </Text>
  );
}
