import { staffRoleLabels, staffRoleSchema, type StaffMember, type StaffRole } from '@glowdesk/contracts';

/** The person using the staff screens: what they may do depends on who they are. */
export interface StaffViewer {
  staffId: string;
  role: StaffRole;
}

export const staffRoleDescriptions: Record<StaffRole, string> = {
  owner: 'Full access, including other owners and admins.',
  admin: 'Manages settings and staff accounts, except owners.',
  provider: 'Sees their own schedule and charts their procedures.',
  front_desk: 'Books appointments, checks clients in and takes payments.',
};

/** Only an owner can make someone an owner (the server refuses it from an admin too). */
export function assignableRoles(viewerRole: StaffRole): StaffRole[] {
  return staffRoleSchema.options.filter((role) => role !== 'owner' || viewerRole === 'owner');
}

export function roleSelectData(viewerRole: StaffRole): { value: StaffRole; label: string }[] {
  return assignableRoles(viewerRole).map((role) => ({ value: role, label: staffRoleLabels[role] }));
}

/** Why this viewer may not change the member's role, or undefined when they may. */
export function roleChangeRestriction(viewer: StaffViewer, member: StaffMember): string | undefined {
  if (member.id === viewer.staffId) return 'You cannot change your own role.';
  if (member.role === 'owner' && viewer.role !== 'owner') return 'Only an owner can change an owner.';
  return undefined;
}

/** Why this viewer may not deactivate or reactivate the member, or undefined when they may. */
export function statusChangeRestriction(viewer: StaffViewer, member: StaffMember): string | undefined {
  if (member.id === viewer.staffId) return 'You cannot deactivate your own account.';
  if (member.role === 'owner' && viewer.role !== 'owner') return 'Only an owner can change an owner.';
  return undefined;
}
