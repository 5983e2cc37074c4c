export const staffRoles = ['owner', 'admin', 'provider', 'front_desk'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Roles that manage the practice's setup and staff. */
export const managerRoles: readonly StaffRole[] = ['owner', 'admin'];
/** Every signed-in staff role. */
export const allStaffRoles: readonly StaffRole[] = staffRoles;
