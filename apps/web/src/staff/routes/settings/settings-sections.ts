import type { StaffRole } from '@glowdesk/contracts';
import { IconListDetails, IconUsersGroup, type Icon } from '@tabler/icons-react';

export interface SettingsSection {
  /** The path segment under /settings. */
  slug: string;
  label: string;
  description: string;
  icon: Icon;
  /** Who may open it; the server enforces the same rule and answers 403 to anyone else. */
  roles: readonly StaffRole[];
}

const managers: readonly StaffRole[] = ['owner', 'admin'];

/** Settings' left-hand list; sections for clinics, providers, services and the like join here. */
export const settingsSections: SettingsSection[] = [
  { slug: 'staff', label: 'Staff', description: 'Accounts and roles', icon: IconUsersGroup, roles: managers },
  { slug: 'audit-log', label: 'Audit log', description: 'Sign-ins and changes', icon: IconListDetails, roles: managers },
];

export function canManageSettings(role: StaffRole): boolean {
  return managers.includes(role);
}

export function canOpenSection(section: SettingsSection, role: StaffRole): boolean {
  return section.roles.includes(role);
}
