import { lazy, Suspense, useLayoutEffect, useRef, useState, type ComponentProps } from 'react';

/*
 * The book's drawers and modals are their own chunks, fetched the first time one opens: a
 * front desk sees the day before the booking form, payment fields and history are loaded.
 */
const CreateAppointmentDrawerChunk = lazy(async () => ({
  default: (await import('./create-appointment-drawer.tsx')).CreateAppointmentDrawer,
}));
const AppointmentDrawerChunk = lazy(async () => ({ default: (await import('./appointment-drawer.tsx')).AppointmentDrawer }));
const EditAppointmentModalChunk = lazy(async () => ({ default: (await import('./edit-appointment-modal.tsx')).EditAppointmentModal }));

/**
 * True from the first time `open` is; the overlay then stays mounted, so it can animate closed.
 * Focus goes back to what opened it (a card, Create) when it closes: the overlay's own return
 * of focus misses the first opening, when it mounts already open.
 */
function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return;
    }
    const target = opener.current;
    opener.current = null;
    if (!target) return;
    // The overlay animates closed, then unmounts and drops focus on the page: wait for that
    // (about a second at most), then put focus back. Focus another dialog took stays there.
    let checks = 0;
    const timer = window.setInterval(() => {
      checks += 1;
      const focused = document.activeElement;
      const dropped = focused === null || focused === document.body;
      if (dropped && target.isConnected) target.focus();
      if (dropped || checks >= 20 || focused?.closest('[role="dialog"]') === null) window.clearInterval(timer);
    }, 50);
    return () => window.clearInterval(timer);
  }, [open]);
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
