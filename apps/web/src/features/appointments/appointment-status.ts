import { appointmentStatusLabels, type AppointmentStatus } from '@glowdesk/contracts';

/** Mantine colors per status: one meaning everywhere (badges, cards colored by status, history). */
export const appointmentStatusColors: Record<AppointmentStatus, string> = {
  booked: 'blue',
  confirmed: 'lagoon',
  checked_in: 'violet',
  in_procedure: 'orange',
  completed: 'gray',
  cancelled: 'red',
  no_show: 'red',
};

/** Hex tones for cards colored by status (the card background is a tint of it). */
export const appointmentStatusHex: Record<AppointmentStatus, string> = {
  booked: '#2563eb',
  confirmed: '#2f7f76',
  checked_in: '#7c3aed',
  in_procedure: '#ea580c',
  completed: '#64748b',
  cancelled: '#dc2626',
  no_show: '#dc2626',
};

export function statusLabel(status: AppointmentStatus): string {
  return appointmentStatusLabels[status];
}

/** Statuses that still hold the provider's time: only these are drawn on the book and can be moved. */
export const statusesOnTheBook: ReadonlySet<AppointmentStatus> = new Set([
  'booked',
  'confirmed',
  'checked_in',
  'in_procedure',
  'completed',
]);
export const movableStatuses: ReadonlySet<AppointmentStatus> = new Set(['booked', 'confirmed']);
