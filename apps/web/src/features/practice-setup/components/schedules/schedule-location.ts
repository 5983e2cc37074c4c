/** The Schedules page for a provider (and clinic): the choice lives in the URL so it can be linked and reloaded. */
export function schedulePathFor(providerId: string, clinicId?: string): string {
  const search = new URLSearchParams({ providerId });
  if (clinicId) search.set('clinicId', clinicId);
  return `/settings/schedules?${search.toString()}`;
}
