import { lazy, Suspense, useState, type ComponentProps } from 'react';

/*
 * The book's drawers and modals are their own chunks, fetched the first time one opens: a
 * front desk sees the day before the booking form, payment fields and history are loaded.
 */
const CreateAppointmentDrawerChunk = lazy(async () => ({
  default: (await import('./create-appointment-drawer.tsx')).CreateAppointmentDrawer,
}));
const AppointmentDrawerChunk = lazy(async () => ({ default: (await import('./appointment-drawer.tsx')).AppointmentDrawer }));
const EditAppointmentModalChunk = lazy(async () => ({ default: (await import('./edit-appointment-modal.tsx')).EditAppointmentModal }));

/** True from the first time `open` is; the overlay then stays mounted, so it can animate closed. */
function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

export function LazyCreateAppointmentDrawer(props: ComponentProps<typeof CreateAppointmentDrawerChunk>) {
  const opened = useOpenedOnce(props.draft !== null);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <CreateAppointmentDrawerChunk {...props} />
    </Suspense>
  );
}

export function LazyAppointmentDrawer(props: ComponentProps<typeof AppointmentDrawerChunk>) {
  const opened = useOpenedOnce(props.appointmentId !== null);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <AppointmentDrawerChunk {...props} />
    </Suspense>
  );
}

export function LazyEditAppointmentModal(props: ComponentProps<typeof EditAppointmentModalChunk>) {
  const opened = useOpenedOnce(props.appointment !== null);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <EditAppointmentModalChunk {...props} />
    </Suspense>
  );
}
