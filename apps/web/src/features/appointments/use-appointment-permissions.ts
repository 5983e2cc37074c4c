import { useSession } from '../auth/components/session-context.tsx';
import { usePracticeSettings } from '../practice-settings/api/get-practice-settings.ts';
import { useProviders } from './api/get-providers.ts';

/** `movableFor` when every provider's appointments may be moved (never a provider id, which is a UUID). */
export const EVERY_PROVIDER = '*';

export interface AppointmentPermissions {
  /** True when the signed-in staff member may change appointments in this provider's column (and book there). */
  mayActFor(providerId: string): boolean;
  /** True when the signed-in provider is limited to their own appointments (the practice setting is off). */
  limitedToOwn: boolean;
  /** Whose appointments the book lets them drag: one provider's id, EVERY_PROVIDER, or nobody's (null). */
  movableFor: string | null;
}

/**
 * What the book offers the signed-in staff member, mirroring the server's rule (it refuses
 * the rest with 403 not_your_appointment): owners, admins and the front desk act on every
 * appointment; a provider too when the practice allows it, otherwise only on the
 * appointments booked with the provider record they sign in as. Until the setting is known
 * a provider is treated as limited, so no action shows that would be refused.
 */
export function useAppointmentPermissions(): AppointmentPermissions {
  const { staff } = useSession();
  const isProvider = staff.role === 'provider';
  const settings = usePracticeSettings();
  const providers = useProviders(undefined);
  if (!isProvider || settings.data?.providersManageAllAppointments === true)
    return { mayActFor: () => true, limitedToOwn: false, movableFor: EVERY_PROVIDER };
  const ownProviderId = providers.data?.find((provider) => provider.staffId === staff.id)?.id ?? null;
  return { mayActFor: (providerId) => providerId === ownProviderId, limitedToOwn: true, movableFor: ownProviderId };
}
