import { IconCalendarEvent, IconIdBadge2, IconReceipt2, IconSettings, IconStethoscope, IconUsers, type Icon } from '@tabler/icons-react';

export interface PrimarySection {
  label: string;
  path: string;
  icon: Icon;
}

/** The control center's top tabs, named as clinics know them; a section gets its tab once it is built. */
export const primarySections: PrimarySection[] = [
  { label: 'Appointments', path: '/appointments', icon: IconCalendarEvent },
  { label: 'Clients', path: '/clients', icon: IconUsers },
  { label: 'EMR', path: '/emr', icon: IconStethoscope },
  { label: 'Sales', path: '/sales', icon: IconReceipt2 },
  { label: 'Memberships', path: '/memberships', icon: IconIdBadge2 },
  { label: 'Settings', path: '/settings', icon: IconSettings },
];
