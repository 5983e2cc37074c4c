import type { MessageTemplateKey } from '@glowdesk/contracts';
import type { MessageTemplateText } from './render-message-template.ts';

const callUs = '{{#clinic.phone}} or call us at {{clinic.phone}}{{/clinic.phone}}';
const smsCallUs = '{{#clinic.phone}} Questions? Call {{clinic.phone}}.{{/clinic.phone}}';
// A virtual visit has a video link and no address (the context leaves the address out), so one of the last two lines shows.
const appointmentDetails = `{{service.name}}{{#provider.name}} with {{provider.name}}{{/provider.name}}
{{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}
{{#clinic.address}}{{clinic.name}}, {{clinic.address}}{{/clinic.address}}
{{#appointment.videoLink}}This is a video visit. Join here at the time: {{appointment.videoLink}}{{/appointment.videoLink}}`;
const smsVideoLink = '{{#appointment.videoLink}} Join by video: {{appointment.videoLink}}{{/appointment.videoLink}}';
const policy = `{{#cancellationPolicy}}
Our cancellation policy: {{cancellationPolicy}}
{{/cancellationPolicy}}`;
const portal = '{{#portalLink}}Your patient portal: {{portalLink}}{{/portalLink}}';
const signature = `Warm regards,
The team at {{clinic.name}}`;

/**
 * The built-in wording every practice starts with; Settings → Messages can replace each
 * one. `{{#name}}…{{/name}}` parts appear only when that fact is known.
 */
export const defaultMessageTemplates: Record<MessageTemplateKey, MessageTemplateText> = {
  booking_confirmation: {
    emailSubject: 'Your appointment at {{clinic.name}} is confirmed',
    emailBody: `Hi {{patient.firstName}},

Thank you for booking with {{clinic.name}}. We look forward to seeing you.

${appointmentDetails}

A calendar invitation is attached so you can add the visit to your calendar.
{{#paperwork.list}}
Before your visit, please complete these forms:
{{paperwork.list}}
{{#portalLink}}You can complete them in your patient portal: {{portalLink}}{{/portalLink}}
{{/paperwork.list}}
${policy}
If you have any questions or need to make a change, reply to this email${callUs}.

${signature}`,
    smsBody: `{{clinic.name}}: Hi {{patient.firstName}}, your {{service.name}} is confirmed for {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}.${smsVideoLink}{{#paperwork.list}}{{#portalLink}} Please complete your forms before your visit: {{portalLink}}{{/portalLink}}{{/paperwork.list}}${smsCallUs}`,
  },
  reschedule: {
    emailSubject: 'Your appointment at {{clinic.name}} has moved',
    emailBody: `Hi {{patient.firstName}},

Your appointment has been rescheduled. Here are the new details:

${appointmentDetails}
{{#appointment.previousLocalDate}}(previously {{appointment.previousLocalDate}} at {{appointment.previousLocalTime}}){{/appointment.previousLocalDate}}

An updated calendar invitation is attached.
${policy}
If the new time does not suit you, reply to this email${callUs} and we will gladly find another.

${signature}`,
    smsBody: `{{clinic.name}}: Hi {{patient.firstName}}, your {{service.name}} has moved to {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}.${smsVideoLink}${smsCallUs}`,
  },
  cancellation: {
    emailSubject: 'Your appointment at {{clinic.name}} has been cancelled',
    emailBody: `Hi {{patient.firstName}},

Your {{service.name}} appointment on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}} has been cancelled.

We would love to see you soon. To book a new time, reply to this email${callUs}.
${portal}

${signature}`,
    smsBody: `{{clinic.name}}: Hi {{patient.firstName}}, your {{service.name}} on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}} has been cancelled.{{#clinic.phone}} To book again, call {{clinic.phone}}.{{/clinic.phone}}`,
  },
  reminder: {
    emailSubject: 'Reminder: your appointment at {{clinic.name}} on {{appointment.localDate}}',
    emailBody: `Hi {{patient.firstName}},

This is a friendly reminder of your upcoming appointment:

${appointmentDetails}

Please arrive a few minutes early so we can welcome you without rushing.
${portal}
${policy}
Need to reschedule? Reply to this email${callUs}.

See you soon,
The team at {{clinic.name}}`,
    smsBody: `{{clinic.name}}: Reminder for {{patient.firstName}}: {{service.name}} on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}.${smsVideoLink}{{#cancellationPolicy}} {{cancellationPolicy}}{{/cancellationPolicy}}${smsCallUs}`,
  },
  no_show: {
    emailSubject: 'We missed you at {{clinic.name}}',
    emailBody: `Hi {{patient.firstName}},

We missed you at your {{service.name}} appointment on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}. We hope everything is all right.
{{#fee.amount}}
As set out in our cancellation policy, a missed-appointment fee of {{fee.amount}} applies.
{{/fee.amount}}${policy}
We would be glad to find you a new time: reply to this email${callUs}.
${portal}

${signature}`,
    smsBody: `{{clinic.name}}: Hi {{patient.firstName}}, we missed you at your {{service.name}} on {{appointment.localDate}}.{{#clinic.phone}} To book a new time, call {{clinic.phone}}.{{/clinic.phone}}`,
  },
  fee_charged: {
    emailSubject: 'Receipt: {{fee.amount}} charged by {{clinic.name}}',
    emailBody: `Hi {{patient.firstName}},

A fee of {{fee.amount}} was charged to your card on file{{#fee.reason}} for: {{fee.reason}}{{/fee.reason}}.
{{#service.name}}Appointment: {{service.name}} on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}}{{/service.name}}
${policy}
{{#portalLink}}Your receipts are in your patient portal: {{portalLink}}{{/portalLink}}
If you have any questions about this charge, reply to this email${callUs}.

Kind regards,
The team at {{clinic.name}}`,
    smsBody: `{{clinic.name}}: Hi {{patient.firstName}}, a fee of {{fee.amount}}{{#fee.reason}} ({{fee.reason}}){{/fee.reason}} was charged to your card on file.${smsCallUs}`,
  },
  paperwork_request: {
    emailSubject: 'Please complete your forms before your visit to {{clinic.name}}',
    emailBody: `Hi {{patient.firstName}},

To make your visit on {{appointment.localDate}} at {{appointment.localTime}} {{appointment.timeZone}} as smooth as possible, please complete these forms before you arrive:

{{paperwork.list}}
{{#portalLink}}
It only takes a few minutes in your patient portal:
{{portalLink}}
{{/portalLink}}
If you have any questions about them, reply to this email${callUs}.

Thank you, and see you soon,
The team at {{clinic.name}}`,
    smsBody: `{{clinic.name}}: Hi {{patient.firstName}}, please complete your forms before your visit on {{appointment.localDate}}.{{#portalLink}} {{portalLink}}{{/portalLink}}${smsCallUs}`,
  },
};
