import type { MessagePlaceholder } from '@glowdesk/contracts';

/** The wording of one message in both channels, with `{{placeholders}}`. */
export interface MessageTemplateText {
  emailSubject: string;
  emailBody: string;
  smsBody: string;
}

/** What a message is about; the renderer formats it for the patient. */
export interface MessageContext {
  patient: { firstName: string };
  /** `timeZone` is the clinic's IANA zone: every time in the message is shown in it. */
  clinic: { name: string; timeZone: string; phone?: string | null; address?: string | null };
  service?: { name: string } | undefined;
  provider?: { name: string } | undefined;
  /** `videoLink` is the provider's room for a virtual visit (whose messages then name no street address). */
  appointment?: { startsAt: Date; previousStartsAt?: Date | undefined; videoLink?: string | undefined } | undefined;
  cancellationPolicy?: string | undefined;
  portalLink?: string | undefined;
  fee?: { amountMinor: number; currency: string; reason?: string | undefined } | undefined;
  /** Names of the forms the patient is asked to complete. */
  paperwork?: readonly string[] | undefined;
  /** BCP 47 locale for dates, times and money; defaults to en-US. */
  locale?: string | undefined;
}

export interface RenderedMessage {
  email: { subject: string; textBody: string; htmlBody: string };
  sms: { textBody: string };
}

function localDate(instant: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(instant);
}

function localTime(instant: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(instant);
}

/** The zone's short name at that instant (EST or EDT), so the patient sees the offset in force. */
function zoneName(instant: Date, timeZone: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(instant);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

function money(amountMinor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** The value of every placeholder for this context; an absent fact becomes an empty string. */
export function placeholderValues(context: MessageContext): Record<MessagePlaceholder, string> {
  const locale = context.locale ?? 'en-US';
  const zone = context.clinic.timeZone;
  const startsAt = context.appointment?.startsAt;
  const previous = context.appointment?.previousStartsAt;
  return {
    'patient.firstName': context.patient.firstName,
    'clinic.name': context.clinic.name,
    'clinic.phone': context.clinic.phone ?? '',
    'clinic.address': context.clinic.address ?? '',
    'service.name': context.service?.name ?? '',
    'provider.name': context.provider?.name ?? '',
    'appointment.localDate': startsAt ? localDate(startsAt, zone, locale) : '',
    'appointment.localTime': startsAt ? localTime(startsAt, zone, locale) : '',
    'appointment.timeZone': startsAt ? zoneName(startsAt, zone, locale) : '',
    'appointment.previousLocalDate': previous ? localDate(previous, zone, locale) : '',
    'appointment.previousLocalTime': previous ? localTime(previous, zone, locale) : '',
    'appointment.videoLink': context.appointment?.videoLink ?? '',
    cancellationPolicy: context.cancellationPolicy ?? '',
    portalLink: context.portalLink ?? '',
    'fee.amount': context.fee ? money(context.fee.amountMinor, context.fee.currency, locale) : '',
    'fee.reason': context.fee?.reason ?? '',
    'paperwork.list': (context.paperwork ?? []).map((name) => `- ${name}`).join('\n'),
  };
}

const sectionPattern = /\{\{#\s*([^{}]+?)\s*\}\}((?:(?!\{\{#)[\s\S])*?)\{\{\/\s*\1\s*\}\}/g;
const placeholderPattern = /\{\{\s*([^{}#/][^{}]*?)\s*\}\}/g;

/** Keeps `{{#name}}…{{/name}}` sections whose placeholder has a value (innermost first), then fills placeholders. */
function substitute(text: string, values: Record<string, string>): string {
  let result = text;
  for (let previous = ''; previous !== result;) {
    previous = result;
    result = result.replace(sectionPattern, (_whole, name: string, inner: string) => ((values[name] ?? '') === '' ? '' : inner));
  }
  return result.replace(placeholderPattern, (_whole, name: string) => values[name] ?? '');
}

/** Collapses the blank lines an empty placeholder leaves behind and trims the ends. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Plain text to simple, accessible HTML: paragraphs, line breaks, and links for http(s)
 * URLs, everything escaped. For a message whose text staff edited before sending.
 */
export function renderEmailHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => {
    const lines = escapeHtml(paragraph)
      .split('\n')
      .map((line) => line.replace(/https?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`));
    return `<p style="margin:0 0 16px">${lines.join('<br>')}</p>`;
  });
  return (
    '<!doctype html><html><body style="margin:0;padding:24px;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2933">' +
    `<div style="max-width:560px;margin:0 auto">${paragraphs.join('')}</div></body></html>`
  );
}

/**
 * Fills a template for one message. Times are formatted in the clinic's zone
 * (`context.clinic.timeZone`), never the server's. Placeholders are checked when a
 * template is saved; one without a value here renders empty.
 */
export function renderTemplate(template: MessageTemplateText, context: MessageContext): RenderedMessage {
  const values = placeholderValues(context);
  const textBody = tidy(substitute(template.emailBody, values));
  return {
    email: {
      subject: substitute(template.emailSubject, values).replace(/\s+/g, ' ').trim(),
      textBody,
      htmlBody: renderEmailHtml(textBody),
    },
    sms: { textBody: tidy(substitute(template.smsBody, values)) },
  };
}
