import type { StaffRole } from '../../platform/auth/roles.ts';

/** Roles that take payments and see invoices (as for cards on file, docs/decisions/006). */
export const salesRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];
