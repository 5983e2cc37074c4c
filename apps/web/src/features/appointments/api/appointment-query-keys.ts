import type { QueryClient } from '@tanstack/react-query';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';
import { messagesQueryKey } from '../../notifications/api/notifications-query-keys.ts';
import { invoiceListsKey } from '../../sales/api/invoice-query-keys.ts';

/** The filters of one list of appointments; the server takes at most 93 days. */
export interface AppointmentListFilter {
  clinicId?: string | undefined;
  providerId?: string | undefined;
  patientId?: string | undefined;
  from: string;
  to: string;
}

const listsRoot = ['appointments'] as const;
const detailsRoot = ['appointment'] as const;
const noShowsRoot = ['no-shows'] as const;
const openTimesRoot = ['availability'] as const;
const bookChangesKey = ['appointment-book-changes'] as const;

/**
 * The appointments feature's query keys. Every list of appointments (the book, a client's
 * visits) sits under one root, and an appointment's own data (history, forms) under its
 * detail key, so one invalidation reaches every copy.
 */
export const appointmentQueryKeys = {
  lists: () => listsRoot,
  list: (filter: AppointmentListFilter) =>
    [...listsRoot, filter.clinicId ?? null, filter.providerId ?? null, filter.patientId ?? null, filter.from, filter.to] as const,
  /** A client's visits, one window per hour of the clock so a long-open profile moves on. */
  patientVisits: (patientId: string, window: 'upcoming' | 'past', hour: string) =>
    [...listsRoot, 'patient', patientId, window, hour] as const,
  allDetails: () => detailsRoot,
  detail: (appointmentId: string) => [...detailsRoot, appointmentId] as const,
  history: (appointmentId: string) => [...detailsRoot, appointmentId, 'history'] as const,
  noShows: () => noShowsRoot,
  noShowList: (filter: unknown) => [...noShowsRoot, filter] as const,
  /** Open start times from the availability engine; a booking anywhere changes them. */
  openTimes: () => openTimesRoot,
  openTimesFor: (query: unknown) => [...openTimesRoot, query] as const,
  billingConfig: () => ['billing-config'] as const,
  /** The practice's change token (decision 022); outside the lists' root so refetching them leaves it alone. */
  bookChanges: () => bookChangesKey,
};

/**
 * After someone else changed the book (the change token moved): what shows appointments or
 * the time they take. Invoices and messages are left to their own pages' refetches.
 */
export function refetchAfterBookChangedElsewhere(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.allDetails() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.noShows() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.openTimes() }),
    queryClient.invalidateQueries({ queryKey: practiceQueryKeys.allAvailableProviders() }),
  ]);
}

/**
 * After a booking, edit, move, status change or restore: every list that shows appointments
 * or the time they take. The book and a client's visits, No Shows, the open times and
 * unoccupied providers offered when booking (a booked slot must not be offered again), the
 * appointment's own history and forms, the invoices a fee may have added, and the messages
 * a booking or cancellation queues.
 */
export function refetchAfterAppointmentChange(queryClient: QueryClient, appointmentId?: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.noShows() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.openTimes() }),
    queryClient.invalidateQueries({ queryKey: practiceQueryKeys.allAvailableProviders() }),
    queryClient.invalidateQueries({ queryKey: invoiceListsKey }),
    queryClient.invalidateQueries({ queryKey: messagesQueryKey }),
    ...(appointmentId ? [queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.detail(appointmentId) })] : []),
  ]);
}
