import { MutationObserver, QueryClient, type MutationOptions, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';
import { appointmentQueryKeys } from './appointment-query-keys.ts';
import { changeAppointmentStatusMutation } from './change-appointment-status.ts';
import { createAppointmentMutation } from './create-appointment.ts';
import { restoreNoShowMutation } from './restore-no-show.ts';
import { moveAppointmentMutation, updateAppointmentMutation } from './update-appointment.ts';

const openTimesQuery = { clinicId: 'clinic-1', serviceIds: ['service-1'], mode: 'in_person', from: 'a', to: 'b' };
const timeKeys: QueryKey[] = [
  appointmentQueryKeys.openTimesFor(openTimesQuery),
  practiceQueryKeys.availableProviders({ clinicId: 'clinic-1', start: 'a' }),
  appointmentQueryKeys.list({ clinicId: 'clinic-1', from: 'a', to: 'b' }),
];

function clientWithCachedTimes(): QueryClient {
  const queryClient = new QueryClient();
  for (const key of timeKeys) queryClient.setQueryData(key, []);
  return queryClient;
}

/** Runs a mutation's real options with the request answered by `answer` instead of the server. */
async function settle<TData, TVariables, TContext>(
  queryClient: QueryClient,
  options: MutationOptions<TData, Error, TVariables, TContext>,
  variables: TVariables,
  answer: TData,
): Promise<void> {
  const observer = new MutationObserver(queryClient, { ...options, mutationFn: () => Promise.resolve(answer) });
  await observer.mutate(variables);
}

function staleKeys(queryClient: QueryClient): string[] {
  return timeKeys.filter((key) => queryClient.getQueryState(key)?.isInvalidated).map((key) => JSON.stringify(key));
}

const appointment = { id: 'appointment-1', start: '2026-03-02T15:00:00.000Z', end: '2026-03-02T16:00:00.000Z', services: [] };

describe('after a change to the book, the times offered for booking are refetched', () => {
  it('booking a time stops it being offered as open', async () => {
    const queryClient = clientWithCachedTimes();

    await settle(queryClient, createAppointmentMutation(queryClient), { request: {} as never, idempotencyKey: 'k' }, appointment as never);

    expect(staleKeys(queryClient)).toEqual(timeKeys.map((key) => JSON.stringify(key)));
  });

  it('rescheduling from the form frees the old time and takes the new one', async () => {
    const queryClient = clientWithCachedTimes();

    await settle(
      queryClient,
      updateAppointmentMutation(queryClient),
      { appointmentId: appointment.id, expectedVersion: 1, changes: {} },
      appointment as never,
    );

    expect(staleKeys(queryClient)).toEqual(timeKeys.map((key) => JSON.stringify(key)));
  });

  it('dragging a card to another time does the same', async () => {
    const queryClient = clientWithCachedTimes();

    await settle(
      queryClient,
      moveAppointmentMutation(queryClient),
      { appointment: appointment as never, providerId: 'provider-1', start: appointment.start },
      appointment as never,
    );

    expect(staleKeys(queryClient)).toEqual(timeKeys.map((key) => JSON.stringify(key)));
  });

  it('cancelling or marking a no-show frees the time', async () => {
    const queryClient = clientWithCachedTimes();

    await settle(
      queryClient,
      changeAppointmentStatusMutation(queryClient),
      { appointmentId: appointment.id, step: 'cancel', reason: 'Ill', chargeFee: false, idempotencyKey: 'k' },
      appointment as never,
    );

    expect(staleKeys(queryClient)).toEqual(timeKeys.map((key) => JSON.stringify(key)));
  });

  it('restoring a no-show takes its time again', async () => {
    const queryClient = clientWithCachedTimes();

    await settle(
      queryClient,
      restoreNoShowMutation(queryClient),
      { appointmentId: appointment.id, allowDoubleBooking: false },
      appointment as never,
    );

    expect(staleKeys(queryClient)).toEqual(timeKeys.map((key) => JSON.stringify(key)));
  });
});
