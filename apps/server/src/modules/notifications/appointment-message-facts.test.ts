import { describe, expect, it } from 'vitest';
import { messageContextOf } from './appointment-message-facts.ts';
import { defaultMessageTemplates } from './default-message-templates.ts';
import { renderTemplate } from './render-message-template.ts';

describe('a reminder for a virtual visit', () => {
  const facts = {
    appointment: {
      id: 'appointment-1',
      kind: 'appointment' as const,
      mode: 'virtual' as const,
      status: 'booked' as const,
      clinicId: 'clinic-1',
      providerId: 'provider-1',
      patientId: 'patient-1',
      startsAt: new Date('2026-03-10T14:00:00Z'),
      endsAt: new Date('2026-03-10T14:30:00Z'),
      virtualRoomUrl: 'https://meet.example.com/room-a',
      version: 1,
      createdAt: new Date('2026-03-01T10:00:00Z'),
      services: [{ serviceId: 'service-1', name: 'Virtual Consultation' }],
    },
    patient: {
      id: 'patient-1',
      firstName: 'Ava',
      lastName: 'Stone',
      email: 'ava@example.com',
      phone: '+12125550123',
      preferredChannel: 'email' as const,
    },
    clinic: {
      id: 'clinic-1',
      name: 'SoHo',
      timezone: 'America/New_York',
      phone: null,
      address: '12 Prince Street, New York',
      notificationEmail: null,
      smsNotificationPhone: null,
    },
    providerName: 'Dr. Reyes',
  };

  it('gives the room link by email and SMS and names no street address', () => {
    const rendered = renderTemplate(defaultMessageTemplates.reminder, messageContextOf(facts));
    expect(rendered.email.textBody).toContain('https://meet.example.com/room-a');
    expect(rendered.email.textBody).not.toContain('Prince Street');
    expect(rendered.sms.textBody).toContain('https://meet.example.com/room-a');
  });

  it('in person, names the clinic’s address and no room link', () => {
    const inPerson = { ...facts, appointment: { ...facts.appointment, mode: 'in_person' as const } };
    const rendered = renderTemplate(defaultMessageTemplates.reminder, messageContextOf(inPerson));
    expect(rendered.email.textBody).toContain('SoHo, 12 Prince Street, New York');
    expect(rendered.email.textBody).not.toContain('meet.example.com');
  });
});
