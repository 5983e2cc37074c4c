/**
 * Plain-language names for the audit trail's action codes, grouped as the filter lists them.
 * A code without a name here still shows, spelled out from the code itself.
 */
export const auditActionGroups: { group: string; actions: Record<string, string> }[] = [
  { group: 'Sign-in', actions: { 'auth.login': 'Signed in', 'auth.logout': 'Signed out' } },
  {
    group: 'Staff',
    actions: {
      'staff.create': 'Staff account created',
      'staff.update': 'Staff account changed',
      'staff.deactivate': 'Staff account deactivated',
      'staff.reactivate': 'Staff account reactivated',
    },
  },
  {
    group: 'Practice setup',
    actions: {
      'practice.create': 'Practice created',
      'clinic.create': 'Clinic added',
      'clinic.update': 'Clinic changed',
      'clinic.delete': 'Clinic removed',
      'provider.create': 'Provider added',
      'provider.update': 'Provider changed',
      'provider.delete': 'Provider removed',
      'provider.schedule_rules.replace': 'Provider schedule changed',
      'provider.schedule_override.create': 'Schedule exception added',
      'provider.schedule_override.delete': 'Schedule exception removed',
      'resource.create': 'Room or equipment added',
      'resource.update': 'Room or equipment changed',
      'resource.delete': 'Room or equipment removed',
      'service.create': 'Service added',
      'service.update': 'Service changed',
      'service.delete': 'Service removed',
      'service_package.create': 'Service package added',
      'service_package.update': 'Service package changed',
      'service_package.delete': 'Service package removed',
    },
  },
  {
    group: 'Clients',
    actions: {
      'patient.create': 'Client profile created',
      'patient.update': 'Client profile changed',
      'patient.read': 'Client profile viewed',
      'patient.list': 'Client list viewed',
      'patient.search': 'Clients searched',
      'patient.duplicate_check': 'Duplicate client check',
      'paperwork.list': 'Paperwork viewed',
      'paperwork.assign': 'Forms assigned',
      'paperwork_assignment.read': 'Assigned form viewed',
      'paperwork_assignment.reset': 'Assigned form reset',
    },
  },
  {
    group: 'Appointments',
    actions: {
      'appointment.create': 'Appointment booked',
      'appointment.double_booking_allowed': 'Double booking allowed',
      'appointment.read': 'Appointment viewed',
      'appointment.history_read': 'Appointment history viewed',
      'appointment.list': 'Appointment book viewed',
      'appointment.no_show_list': 'No-shows viewed',
      'appointment.updated': 'Appointment changed',
      'appointment.rescheduled': 'Appointment rescheduled',
      'appointment.confirmed': 'Appointment confirmed',
      'appointment.checked_in': 'Patient checked in',
      'appointment.procedure_started': 'Procedure started',
      'appointment.completed': 'Appointment completed',
      'appointment.cancelled': 'Appointment cancelled',
      'appointment.no_show': 'Marked as no-show',
      'appointment.restored': 'No-show restored',
      'appointment.card_authorized': 'Card confirmed for booking',
      'appointment.checkout': 'Appointment checked out',
      'appointment.notify_preview': 'Notification previewed',
      'appointment.notify': 'Notification sent',
      'appointment.notify_skipped': 'Notification not sent',
    },
  },
  {
    group: 'Messages',
    actions: {
      'message.list': 'Messages viewed',
      'message.read': 'Message viewed',
      'message.attachment_read': 'Message attachment opened',
      'message.resend': 'Message resent',
      'message_template.update': 'Message template changed',
      'message_template.reset': 'Message template reset',
      'notification_settings.update': 'Reminder settings changed',
    },
  },
  {
    group: 'Forms',
    actions: {
      'paperwork_template.create': 'Form added',
      'paperwork_template.update': 'Form changed (new version)',
      'paperwork_template.deactivate': 'Form deactivated',
      'paperwork_template.reactivate': 'Form reactivated',
      'service.paperwork_update': 'Forms of a service changed',
    },
  },
  {
    group: 'Payments',
    actions: {
      'payment_method.setup_session': 'Card entry started',
      'payment_method.create': 'Card saved',
      'payment_method.list': 'Cards on file viewed',
      'payment_method.set_default': 'Default card changed',
      'payment_method.remove': 'Card removed',
      'payment_method.charge': 'Card charged',
      'payment.refund': 'Payment refunded',
      'invoice.list': 'Invoices viewed',
      'invoice.read': 'Invoice viewed',
      'invoice.receipt': 'Receipt printed',
      'invoice.create': 'Invoice created',
      'invoice.payment_started': 'Payment started',
      'invoice.payment': 'Payment taken',
      'invoice.payment_settled': 'Payment settled by the gateway',
      'invoice.payment_replayed': 'Payment request repeated (not charged again)',
      'invoice.checkout_replayed': 'Checkout request repeated (not charged again)',
      'invoice.refund_started': 'Refund started',
      'invoice.refund': 'Refund made',
      'invoice.refund_replayed': 'Refund request repeated (not refunded again)',
      'invoice.void': 'Invoice voided',
      'clinic_billing_settings.update': 'Clinic fees and tax changed',
      'sales_settings.update': 'Refund permissions changed',
    },
  },
];

const auditActionLabels = new Map(auditActionGroups.flatMap(({ actions }) => Object.entries(actions)));

export const auditObjectTypeLabels: Record<string, string> = {
  staff: 'Staff account',
  practice: 'Practice',
  clinic: 'Clinic',
  provider: 'Provider',
  resource: 'Room or equipment',
  service: 'Service',
  service_package: 'Service package',
  patient: 'Client',
  appointment: 'Appointment',
  message: 'Message',
  message_template: 'Message template',
  payment_method: 'Card on file',
  charge: 'Charge',
  invoice: 'Invoice',
  paperwork_template: 'Form',
  paperwork_assignment: 'Assigned form',
  notification_settings: 'Reminder settings',
};

/** "provider.schedule_override.create" → "Provider schedule override create". */
function spellOutCode(code: string): string {
  const words = code.replaceAll(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isKnownAuditAction(action: string): boolean {
  return auditActionLabels.has(action);
}

export function labelAuditAction(action: string): string {
  return auditActionLabels.get(action) ?? spellOutCode(action);
}

export function labelAuditObjectType(objectType: string): string {
  return auditObjectTypeLabels[objectType] ?? spellOutCode(objectType);
}

export const auditOutcomes = ['success', 'failure'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
