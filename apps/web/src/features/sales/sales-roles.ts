import type { StaffRole } from '@glowdesk/contracts';

/** Roles that see invoices and take payments (the server's sales roles); providers chart and do not. */
export function takesPayments(role: StaffRole): boolean {
  return role === 'owner' || role === 'admin' || role === 'front_desk';
}
