import { messageTemplateKeySchema, SMS_MAX_LENGTH, templateTextProblem } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { defaultMessageTemplates } from './default-message-templates.ts';
import { renderTemplate, type MessageContext } from './render-message-template.ts';

const context: MessageContext = {
  patient: { firstName: 'Camila' },
  clinic: { name: 'Glow Clinic', timeZone: 'America/New_York', phone: '+1 212 555 0100', address: '200 Spring St, New York, NY' },
  service: { name: 'Botox' },
  provider: { name: 'Dr. Ana Ruiz' },
  appointment: { startsAt: new Date('2026-03-09T18:30:00Z'), previousStartsAt: new Date('2026-03-06T19:30:00Z') },
  cancellationPolicy: 'Cancel at least 24 hours ahead to avoid a $50 fee.',
  portalLink: 'https://glow.example.com/portal',
  fee: { amountMinor: 5000, currency: 'USD', reason: 'Late cancellation' },
  paperwork: ['Botox consent', 'Medical history questionnaire'],
};

const only = (text: string) => ({ emailSubject: 'Subject', emailBody: text, smsBody: text });

describe('rendering templates', () => {
  it("shows times in the clinic's zone with the offset in force on both sides of a DST change", () => {
    const template = only('{{appointment.localDate}} {{appointment.localTime}} {{appointment.timeZone}}');
    const after = renderTemplate(template, context);
    expect(after.sms.textBody).toBe('Monday, March 9, 2026 2:30 PM EDT');
    const before = renderTemplate(template, { ...context, appointment: { startsAt: new Date('2026-03-06T19:30:00Z') } });
    expect(before.sms.textBody).toBe('Friday, March 6, 2026 2:30 PM EST');
  });

  it('uses the clinic zone, not the server zone, for half-hour zones and dates that differ from UTC', () => {
    const rendered = renderTemplate(only('{{appointment.localDate}} {{appointment.localTime}} {{appointment.timeZone}}'), {
      ...context,
      clinic: { ...context.clinic, timeZone: 'Asia/Kolkata' },
      appointment: { startsAt: new Date('2026-07-01T20:00:00Z') },
    });
    expect(rendered.sms.textBody).toBe('Thursday, July 2, 2026 1:30 AM GMT+5:30');
  });

  it('fills every placeholder, formats money in minor units, and lists paperwork', () => {
    const rendered = renderTemplate(only('{{fee.amount}} {{fee.reason}} | {{appointment.previousLocalTime}}\n{{paperwork.list}}'), context);
    expect(rendered.sms.textBody).toBe('$50.00 Late cancellation | 2:30 PM\n- Botox consent\n- Medical history questionnaire');
    const yen = renderTemplate(only('{{fee.amount}}'), { ...context, fee: { amountMinor: 5000, currency: 'JPY' } });
    expect(yen.sms.textBody).toBe('¥5,000');
  });

  it('keeps a {{#section}} only when its placeholder has a value', () => {
    const template = only('Hi{{#clinic.phone}}, call {{clinic.phone}}{{/clinic.phone}}.');
    expect(renderTemplate(template, context).sms.textBody).toBe('Hi, call +1 212 555 0100.');
    expect(renderTemplate(template, { ...context, clinic: { name: 'Glow', timeZone: 'UTC' } }).sms.textBody).toBe('Hi.');
  });

  it('handles nested sections', () => {
    const template = only('{{#portalLink}}Portal{{#clinic.phone}} or phone{{/clinic.phone}}{{/portalLink}}.');
    expect(renderTemplate(template, context).sms.textBody).toBe('Portal or phone.');
    expect(renderTemplate(template, { ...context, portalLink: undefined }).sms.textBody).toBe('.');
  });

  it('escapes values in the HTML body and links URLs', () => {
    const rendered = renderTemplate(only('Hi {{patient.firstName}}\n\n{{portalLink}}'), {
      ...context,
      patient: { firstName: '<script>alert(1)</script>' },
    });
    expect(rendered.email.htmlBody).not.toContain('<script>');
    expect(rendered.email.htmlBody).toContain('&#60;script&#62;');
    expect(rendered.email.htmlBody).toContain('<a href="https://glow.example.com/portal">https://glow.example.com/portal</a>');
    expect(rendered.email.textBody).toContain('<script>alert(1)</script>');
  });

  it('puts the subject on one line', () => {
    const rendered = renderTemplate({ emailSubject: 'Hello\n{{clinic.name}}  ', emailBody: 'x', smsBody: 'x' }, context);
    expect(rendered.email.subject).toBe('Hello Glow Clinic');
  });
});

describe('the default templates', () => {
  it.each(messageTemplateKeySchema.options)('%s uses only its own placeholders and well-formed sections', (key) => {
    const template = defaultMessageTemplates[key];
    for (const text of [template.emailSubject, template.emailBody, template.smsBody])
      expect(templateTextProblem(key, text)).toBeUndefined();
  });

  it.each(messageTemplateKeySchema.options)('%s renders without leftover braces and fits in one SMS', (key) => {
    const rendered = renderTemplate(defaultMessageTemplates[key], context);
    for (const text of [rendered.email.subject, rendered.email.textBody, rendered.sms.textBody]) {
      expect(text).not.toMatch(/[{}]/);
      expect(text).not.toMatch(/\n{3,}/);
    }
    expect(rendered.sms.textBody.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
  });

  it('reads naturally without the optional facts', () => {
    const rendered = renderTemplate(defaultMessageTemplates.booking_confirmation, {
      patient: { firstName: 'Camila' },
      clinic: { name: 'Glow Clinic', timeZone: 'America/New_York' },
      service: { name: 'Botox' },
      appointment: { startsAt: new Date('2026-03-09T18:30:00Z') },
    });
    expect(rendered.email.textBody).toBe(
      [
        'Hi Camila,',
        '',
        'Thank you for booking with Glow Clinic. We look forward to seeing you.',
        '',
        'Botox',
        'Monday, March 9, 2026 at 2:30 PM EDT',
        '',
        'A calendar invitation is attached so you can add the visit to your calendar.',
        '',
        'If you have any questions or need to make a change, reply to this email.',
        '',
        'Warm regards,',
        'The team at Glow Clinic',
      ].join('\n'),
    );
    expect(rendered.sms.textBody).toBe('Glow Clinic: Hi Camila, your Botox is confirmed for Monday, March 9, 2026 at 2:30 PM EDT.');
  });
});

describe('checking template text', () => {
  it('names an unknown placeholder and lists the allowed ones', () => {
    expect(templateTextProblem('reminder', 'Hi {{patient.lastName}}')).toMatch(
      /^Unknown placeholder \{\{patient\.lastName\}\}\. Use one of: /,
    );
    expect(templateTextProblem('reminder', 'Paid {{fee.amount}}')).toMatch(/Unknown placeholder/);
    expect(templateTextProblem('fee_charged', 'Paid {{fee.amount}}')).toBeUndefined();
  });

  it('refuses unbalanced braces and sections', () => {
    expect(templateTextProblem('reminder', 'Hi {{patient.firstName')).toMatch(/not closed/);
    expect(templateTextProblem('reminder', 'Hi patient.firstName}}')).toMatch(/not closed/);
    expect(templateTextProblem('reminder', '{{#portalLink}}x')).toMatch(/not closed/);
    expect(templateTextProblem('reminder', '{{#portalLink}}x{{/clinic.phone}}')).toMatch(/not closed/);
    expect(templateTextProblem('reminder', '{{ #portalLink }}x{{ /portalLink }}')).toBeUndefined();
  });
});
