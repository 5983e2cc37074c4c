import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../shared/api/api-client.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { bookKeys } from './book-query-keys.ts';

const visitModeSchema = z.enum(['in_person', 'virtual']);

/** `GET /api/v1/public/:slug/booking-catalog`: what a patient may book online, without signing in. */
export const bookingCatalogSchema = z.object({
  practice: z.object({ name: z.string(), slug: z.string(), timezone: z.string(), currency: z.string().optional() }),
  clinics: z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string(), address: z.string().nullable() })),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      durationMinutes: z.number(),
      priceCents: z.number().nullable(),
      modes: z.array(visitModeSchema),
      clinicIds: z.array(z.string()),
      requiresCard: z.boolean(),
      category: z.string().nullable(),
    }),
  ),
  packages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      serviceIds: z.array(z.string()),
      durationMinutes: z.number(),
      priceCents: z.number().nullable(),
      clinicIds: z.array(z.string()),
      requiresCard: z.boolean(),
    }),
  ),
  providers: z.array(
    z.object({ id: z.string(), displayName: z.string(), clinicIds: z.array(z.string()), serviceIds: z.array(z.string()) }),
  ),
  cancellationPolicies: z.array(z.object({ clinicId: z.string(), policyVersionId: z.string(), text: z.string() })),
});
export type BookingCatalog = z.infer<typeof bookingCatalogSchema>;
export type BookableClinic = BookingCatalog['clinics'][number];
export type BookableService = BookingCatalog['services'][number];
export type BookablePackage = BookingCatalog['packages'][number];
export type BookableProvider = BookingCatalog['providers'][number];

export function bookingPath(slug: string, resource: 'booking-catalog' | 'availability' | 'bookings'): string {
  return `/api/v1/public/${encodeURIComponent(slug)}/${resource}`;
}

/** The practice's online catalog; a 404 means no practice has this booking address. */
export function useBookingCatalog(slug: string) {
  return useQuery({
    queryKey: bookKeys.catalog(slug),
    queryFn: ({ signal }) => apiRequest(bookingPath(slug, 'booking-catalog'), bookingCatalogSchema, { signal }),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => !isApiProblem(error, 404) && !isApiProblem(error, 400) && failureCount < 2,
  });
}
