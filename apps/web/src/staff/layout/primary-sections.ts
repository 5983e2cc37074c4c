import {
  IconCalendarEvent,
  IconClipboardHeart,
  IconReceipt2,
  IconRosetteDiscountCheck,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export interface PrimarySection {
  label: string;
  path: string;
  icon: Icon;
}

/** The control center's top tabs, named as clinics know them. */
export const primarySections: PrimarySection[] = [
  { label: 'Appointments', path: '/appointments', icon: IconCalendarEvent },
  { label: 'Clients', path: '/clients', icon: IconUsers },
  { label: 'Sales', path: '/sales', icon: IconReceipt2 },
  { label: 'Memberships', path: '/memberships', icon: IconRosetteDiscountCheck },
  { label: 'EMR', path: '/emr', icon: IconClipboardHeart },
  { label: 'Settings', path: '/settings', icon: IconSettings },
];
