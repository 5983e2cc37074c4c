/**
 * The query keys of practice records that several features show: clinics, providers,
 * services, packages and working hours. Settings edits them and the book, No Shows and Sales
 * list them, so every such query sits under one root and a setup change refetches them all
 * (a renamed or deactivated provider must not linger in the book).
 */
export const practiceRecordsKey = ['practice-records'] as const;

export const practiceQueryKeys = {
  clinics: (scope: 'active' | 'all') => [...practiceRecordsKey, 'clinics', scope] as const,
  /** Tax rate, cancellation window and policy: checkout and fees read them, Settings edits them. */
  clinicBillingSettings: (clinicId: string) => [...practiceRecordsKey, 'clinics', clinicId, 'billing-settings'] as const,
  providers: (clinicId: string | undefined) => [...practiceRecordsKey, 'providers', clinicId ?? 'all'] as const,
  services: (clinicId: string | undefined) => [...practiceRecordsKey, 'services', clinicId ?? 'all'] as const,
  servicePackages: () => [...practiceRecordsKey, 'service-packages'] as const,
  providerSchedule: (providerId: string, window: { clinicId?: string; from?: string; to?: string } | undefined) =>
    [...practiceRecordsKey, 'provider-schedule', providerId, window?.clinicId, window?.from, window?.to] as const,
  /** Providers unoccupied at a time: bookings change them too, not only setup. */
  allAvailableProviders: () => [...practiceRecordsKey, 'available-providers'] as const,
  availableProviders: (query: unknown) => [...practiceRecordsKey, 'available-providers', query] as const,
};
