import type { PortalAppointmentScope } from '@glowdesk/contracts';

/** Everything the portal caches sits under the practice's address: one sign-out clears it all. */
export const portalKeys = {
  practice: (slug: string) => ['portal', slug, 'practice'] as const,
  me: (slug: string) => ['portal', slug, 'me'] as const,
  dashboard: (slug: string) => ['portal', slug, 'dashboard'] as const,
  appointments: (slug: string) => ['portal', slug, 'appointments'] as const,
  notifications: (slug: string) => ['portal', slug, 'notifications'] as const,
  paperwork: (slug: string) => ['portal', slug, 'paperwork'] as const,
  profile: (slug: string) => ['portal', slug, 'profile'] as const,
  medicalHistory: (slug: string) => ['portal', slug, 'medical-history'] as const,
  cards: (slug: string) => ['portal', slug, 'cards'] as const,
  cardSetup: (slug: string) => ['portal', slug, 'card-setup'] as const,
  invoices: (slug: string) => ['portal', slug, 'invoices'] as const,
  wallet: (slug: string) => ['portal', slug, 'wallet'] as const,
  prescriptions: (slug: string) => ['portal', slug, 'prescriptions'] as const,
  appointmentList: (slug: string, scope: PortalAppointmentScope) => ['portal', slug, 'appointments', scope] as const,
};
