import type { StaffRole } from '@glowdesk/contracts';

/**
 * What the restore dialog says about a no-show fee that was requested, in words that match
 * what the person restoring may do: owners and admins refund in Sales; the front desk only
 * where the practice allows it; providers do not work in Sales at all.
 */
export function restoreFeeWording(role: StaffRole): string {
  const requested = 'A no-show fee was requested for this appointment. Restoring does not refund it';
  switch (role) {
    case 'owner':
    case 'admin':
      return `${requested}: if it no longer applies, refund it from the fee’s invoice in Sales.`;
    case 'front_desk':
      return `${requested}. Owners and admins refund it from the fee’s invoice in Sales; the front desk can too only where the practice allows it.`;
    case 'provider':
      return `${requested}: ask an owner or admin to refund it in Sales if it no longer applies.`;
  }
}
