import {
  bookingPortalSettingsSchema,
  portalBannerListSchema,
  portalBannerSchema,
  practiceSettingsSchema,
  type BookingPortalSettings,
  type CreatePortalBannerRequest,
  type PortalBanner,
  type UpdateBookingPortalSettingsRequest,
  type UpdatePortalBannerRequest,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiCommand, apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';

/** Everything Settings → Booking Portal shows sits under one root. */
const bookingPortalKey = ['booking-portal'] as const;
export const bookingPortalQueryKeys = {
  settings: () => [...bookingPortalKey, 'settings'] as const,
  banners: () => [...bookingPortalKey, 'banners'] as const,
  practice: () => ['practice-settings'] as const,
};

export function usePracticeSettings() {
  return useQuery({
    queryKey: bookingPortalQueryKeys.practice(),
    queryFn: ({ signal }) => apiRequest('/api/v1/practice-settings', practiceSettingsSchema, { signal }),
  });
}

export function useChangePortalAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (slug: string) => apiRequest('/api/v1/practice-settings', practiceSettingsSchema, { method: 'PATCH', body: { slug } }),
    onSuccess: (saved) => queryClient.setQueryData(bookingPortalQueryKeys.practice(), saved),
  });
}

export function useBookingPortalSettings() {
  return useQuery({
    queryKey: bookingPortalQueryKeys.settings(),
    queryFn: ({ signal }) => apiRequest('/api/v1/booking-portal', bookingPortalSettingsSchema, { signal }),
  });
}

export function useUpdateBookingPortalSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ expectedVersion, settings }: { expectedVersion: number; settings: UpdateBookingPortalSettingsRequest }) =>
      apiRequest('/api/v1/booking-portal', bookingPortalSettingsSchema, {
        method: 'PUT',
        body: settings,
        headers: { 'if-match': `"${expectedVersion}"` },
      }),
    onSuccess: (saved: BookingPortalSettings) => queryClient.setQueryData(bookingPortalQueryKeys.settings(), saved),
    onSettled: async (_result, error) => {
      if (isApiProblem(error, 412)) await queryClient.invalidateQueries({ queryKey: bookingPortalQueryKeys.settings() });
    },
  });
}

export function useBanners() {
  return useQuery({
    queryKey: bookingPortalQueryKeys.banners(),
    queryFn: async ({ signal }) => (await apiRequest('/api/v1/booking-portal/banners', portalBannerListSchema, { signal })).items,
  });
}

/** Adds, changes or deletes a banner; the list is read again afterwards (its order and "showing now" come from the server). */
export function useBannerMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: bookingPortalQueryKeys.banners() });
  const create = useMutation({
    mutationFn: (banner: CreatePortalBannerRequest) =>
      apiRequest('/api/v1/booking-portal/banners', portalBannerSchema, { method: 'POST', body: banner }),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ banner, changes }: { banner: PortalBanner; changes: UpdatePortalBannerRequest }) =>
      apiRequest(`/api/v1/booking-portal/banners/${banner.id}`, portalBannerSchema, { method: 'PATCH', body: changes }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (banner: PortalBanner) => apiCommand(`/api/v1/booking-portal/banners/${banner.id}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  return { create, update, remove };
}
