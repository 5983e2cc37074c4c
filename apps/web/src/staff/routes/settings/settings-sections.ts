import type { StaffRole } from '@glowdesk/contracts';
import {
  IconBellRinging,
  IconBuildingHospital,
  IconCalendarTime,
  IconDoor,
  IconForms,
  IconIdBadge2,
  IconListDetails,
  IconLockAccess,
  IconMail,
  IconPackages,
  IconSparkles,
  IconStethoscope,
  IconTemplate,
  IconUsersGroup,
  IconWallet,
  IconWorldWww,
  type Icon,
} from '@tabler/icons-react';

export interface SettingsSection {
  /** The path segment under /settings. */
  slug: string;
  label: string;
  description: string;
  icon: Icon;
  /** Who may open it; the server enforces the same rule and answers 403 to anyone else. */
  viewRoles: readonly StaffRole[];
  /** Who may change what it shows; the others see it read-only. */
  manageRoles: readonly StaffRole[];
}

const managers: readonly StaffRole[] = ['owner', 'admin'];
const everyone: readonly StaffRole[] = ['owner', 'admin', 'provider', 'front_desk'];
/** Messages to patients are patient data: providers do not read them. */
const messageReaders: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

/**
 * Settings' left-hand list, in the order a new practice sets itself up: the team, where they
 * work, what they offer and with what, who performs it, and when.
 */
export const settingsSections: SettingsSection[] = [
  { slug: 'staff', label: 'Staff', description: 'Accounts and roles', icon: IconUsersGroup, viewRoles: managers, manageRoles: managers },
  {
    slug: 'clinics',
    label: 'Clinics',
    description: 'Locations, time zones',
    icon: IconBuildingHospital,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'rooms-and-equipment',
    label: 'Rooms & equipment',
    description: 'What treatments need',
    icon: IconDoor,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'services',
    label: 'Services',
    description: 'Menu, prices and fees',
    icon: IconSparkles,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'packages',
    label: 'Packages',
    description: 'Bundled services',
    icon: IconPackages,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'memberships',
    label: 'Memberships',
    description: 'Plans, coupons, retries',
    icon: IconIdBadge2,
    viewRoles: managers,
    manageRoles: managers,
  },
  { slug: 'forms', label: 'Forms', description: 'Consents, questionnaires', icon: IconForms, viewRoles: everyone, manageRoles: managers },
  {
    slug: 'providers',
    label: 'Providers',
    description: 'Who takes bookings',
    icon: IconStethoscope,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'schedules',
    label: 'Schedules',
    description: 'Hours and days off',
    icon: IconCalendarTime,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'messages',
    label: 'Messages',
    description: 'Email and SMS to patients',
    icon: IconMail,
    viewRoles: messageReaders,
    // The front desk may also resend a message (the server allows it); the section is still not theirs to set up.
    manageRoles: managers,
  },
  {
    slug: 'message-templates',
    label: 'Message templates',
    description: 'Wording of emails and SMS',
    icon: IconTemplate,
    viewRoles: messageReaders,
    manageRoles: managers,
  },
  {
    slug: 'wallet',
    label: 'Wallet',
    description: 'Currency and rewards',
    icon: IconWallet,
    viewRoles: everyone,
    manageRoles: managers,
  },
  {
    slug: 'reminders',
    label: 'Reminders',
    description: 'When patients are reminded',
    icon: IconBellRinging,
    viewRoles: managers,
    manageRoles: managers,
  },
  {
    slug: 'booking-portal',
    label: 'Booking Portal',
    description: 'Banners, reminders, online changes',
    icon: IconWorldWww,
    viewRoles: managers,
    manageRoles: managers,
  },
  {
    slug: 'provider-access',
    label: 'Provider access',
    description: 'Whose appointments providers change',
    icon: IconLockAccess,
    viewRoles: managers,
    manageRoles: managers,
  },
  {
    slug: 'audit-log',
    label: 'Audit log',
    description: 'Sign-ins and changes',
    icon: IconListDetails,
    viewRoles: managers,
    manageRoles: managers,
  },
];

export function canManageSettings(role: StaffRole): boolean {
  return managers.includes(role);
}

export function canOpenSection(section: SettingsSection, role: StaffRole): boolean {
  return section.viewRoles.includes(role);
}

export function canManageSection(section: SettingsSection, role: StaffRole): boolean {
  return section.manageRoles.includes(role);
}
