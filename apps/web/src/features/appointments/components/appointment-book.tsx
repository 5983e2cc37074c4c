import type { Clinic, Provider } from '@glowdesk/contracts';
import { Box, Button, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { askToNotifyPatient } from '../../notifications/notification-prompt.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useAppointments } from '../api/get-appointments.ts';
import { useBookChangeSignal } from '../api/get-book-changes.ts';
import { useClinics } from '../api/get-clinics.ts';
import { useProviderSchedules } from '../api/get-provider-schedules.ts';
import { useProviders } from '../api/get-providers.ts';
import { useMoveAppointment } from '../api/update-appointment.ts';
import { firstWorkingProvider, layoutLanes, placeAppointments, visibleDayBounds, workingMinutesByDate } from '../book-columns.ts';
import {
  addDays,
  formatClinicTime,
  formatLocalDate,
  formatMinutes,
  localDatesToRange,
  localToday,
  startOfWeek,
  wallClockOf,
  zoneAbbreviation,
  zonedInstant,
} from '../clinic-time.ts';
import { LazyAppointmentDrawer, LazyCreateAppointmentDrawer, LazyEditAppointmentModal } from './book-overlays.tsx';
import { BookSetupNeeded } from './book-setup-needed.tsx';
import { BookToolbar, type BookView } from './book-toolbar.tsx';
import type { BookingDraft } from './create-appointment-drawer.tsx';
import { TimeGrid, type ColorBy, type GridColumn } from './time-grid.tsx';
import classes from './appointment-book.module.css';
import { useAppointmentPermissions } from '../use-appointment-permissions.ts';

const LAST_CLINIC_KEY = 'glowdesk.book.clinicId';
const COLOR_BY_KEY = 'glowdesk.book.colorBy';
const HIDE_NOT_WORKING_KEY = 'glowdesk.book.hideNotWorking';
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const noProviders: Provider[] = [];

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the choice is simply not remembered.
  }
}

/** The clock, ticking each minute: "today" and the now-line follow it. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function hoursLabel(working: { startMin: number; endMin: number }[] | undefined): string {
  if (working === undefined) return 'Loading hours…';
  if (working.length === 0) return 'Not working';
  const first = working[0];
  const last = working[working.length - 1];
  return first && last ? `${formatMinutes(first.startMin)} – ${formatMinutes(last.endMin)}` : 'Not working';
}

interface AppointmentBookProps {
  /** The practice's zone, until a clinic's is known. */
  practiceTimeZone: string;
  setupAction: ReactNode;
}

/** Appointments: the day (a column per provider) or week (one provider) of a clinic, in the clinic's time zone. */
export function AppointmentBook({ practiceTimeZone, setupAction }: AppointmentBookProps) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const now = useNow();
  const clinics = useClinics();

  const clinicList = clinics.data ?? [];
  const requestedClinicId = params.get('clinic') ?? readStorage(LAST_CLINIC_KEY);
  const clinic: Clinic | undefined = clinicList.find((candidate) => candidate.id === requestedClinicId) ?? clinicList[0];
  const clinicId = clinic?.id;
  const timeZone = clinic?.timezone ?? practiceTimeZone;
  const today = localToday(timeZone, new Date(now));
  const requestedDate = params.get('date');
  const localDate = requestedDate && LOCAL_DATE.test(requestedDate) ? requestedDate : today;
  const view: BookView = params.get('view') === 'week' ? 'week' : 'day';
  const colorBy: ColorBy = (params.get('color') ?? readStorage(COLOR_BY_KEY)) === 'status' ? 'status' : 'provider';
  const [hideNotWorking, setHideNotWorking] = useState(() => readStorage(HIDE_NOT_WORKING_KEY) === 'true');
  // A phone shows one provider's column at a time, with a picker to switch.
  const phone = useMediaQuery('(max-width: 36em)');
  useDocumentTitle('Appointments · Glowdesk');

  const providersQuery = useProviders(clinicId);
  const providers = providersQuery.data ?? noProviders;
  const chosenProvider: Provider | undefined = providers.find((provider) => provider.id === params.get('provider'));
  const weekStart = startOfWeek(localDate);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const scheduleWindow = clinicId ? { clinicId, ...localDatesToRange(weekStart, addDays(weekStart, 7), timeZone) } : undefined;
  // The week of one chosen provider needs only their hours; otherwise everyone's, to find who works.
  const scheduleProviderIds = view === 'week' && chosenProvider ? [chosenProvider.id] : providers.map((provider) => provider.id);
  const schedules = useProviderSchedules(scheduleProviderIds, scheduleWindow);

  const workingByProvider = useMemo(() => {
    const map = new Map<string, Map<string, { startMin: number; endMin: number }[]>>();
    for (const [providerId, intervals] of schedules.byProvider) {
      if (intervals) map.set(providerId, workingMinutesByDate(intervals, timeZone));
    }
    return map;
  }, [schedules.byProvider, timeZone]);

  // A phone's day opens on the first provider working that day, the week on the first working
  // that week (once their hours are known; the first provider when the hours cannot be read).
  const firstWorking = useMemo(
    () =>
      firstWorkingProvider(
        providers,
        workingByProvider,
        view === 'day' ? [localDate] : Array.from({ length: 7 }, (_, index) => addDays(weekStart, index)),
      ),
    [providers, workingByProvider, view, localDate, weekStart],
  );
  const weekProvider = view === 'week' ? (chosenProvider ?? firstWorking ?? (schedules.isError ? providers[0] : undefined)) : undefined;

  const range =
    view === 'day'
      ? localDatesToRange(localDate, addDays(localDate, 1), timeZone)
      : localDatesToRange(weekStart, addDays(weekStart, 7), timeZone);

  // The week keeps the provider it opened on when the user steps to another week.
  useEffect(() => {
    if (view === 'week' && !chosenProvider && weekProvider) update({ provider: weekProvider.id });
  }, [view, chosenProvider, weekProvider, update]);

  // Changes made elsewhere (another desk, the patient portal) reach the open book within seconds.
  useBookChangeSignal(clinicId !== undefined);
  const appointmentsQuery = useAppointments(
    clinicId && (view === 'day' || weekProvider)
      ? { clinicId, providerId: view === 'week' ? weekProvider?.id : undefined, ...range }
      : undefined,
  );

  const soloProvider: Provider | undefined =
    weekProvider ?? chosenProvider ?? firstWorking ?? (schedules.isError ? providers[0] : undefined);

  const { columns, hiddenCount, dayStartMin, dayEndMin } = useMemo(() => {
    const appointments = appointmentsQuery.data ?? [];
    const baseColumns: Omit<GridColumn, 'items'>[] =
      view === 'day'
        ? providers.map((provider) => {
            const working =
              schedules.byProvider.get(provider.id) === undefined ? undefined : (workingByProvider.get(provider.id)?.get(localDate) ?? []);
            return {
              key: provider.id,
              providerId: provider.id,
              localDate,
              title: provider.displayName,
              subtitle: `${provider.title ? `${provider.title} · ` : ''}${hoursLabel(working)}`,
              color: provider.color,
              isToday: localDate === today,
              working,
            };
          })
        : weekProvider
          ? Array.from({ length: 7 }, (_, index) => {
              const date = addDays(weekStart, index);
              const working =
                schedules.byProvider.get(weekProvider.id) === undefined
                  ? undefined
                  : (workingByProvider.get(weekProvider.id)?.get(date) ?? []);
              return {
                key: date,
                providerId: weekProvider.id,
                localDate: date,
                // A phone's narrow day columns take "Mon 7"; the toolbar names the month.
                title: `${formatLocalDate(date, 'weekday')} ${phone ? Number(date.slice(8)) : formatLocalDate(date, 'short')}`,
                subtitle: hoursLabel(working),
                color: null,
                isToday: date === today,
                working,
              };
            })
          : [];
    const columnKeys = new Set(baseColumns.map((column) => column.key));
    const placed = placeAppointments(appointments, timeZone, (appointment, date) => {
      if (view === 'day') return date === localDate && columnKeys.has(appointment.providerId) ? appointment.providerId : undefined;
      return appointment.providerId === weekProvider?.id && columnKeys.has(date) ? date : undefined;
    });
    const built: GridColumn[] = baseColumns.map((column) => ({ ...column, items: layoutLanes(placed.get(column.key) ?? []) }));
    const bounds = visibleDayBounds([...built.flatMap((column) => column.working ?? []), ...built.flatMap((column) => column.items)]);
    // A provider with no hours and nothing booked that day has nothing to show, unless asked.
    const shown =
      view === 'day' && hideNotWorking
        ? built.filter((column) => column.working === undefined || column.working.length > 0 || column.items.length > 0)
        : built;
    const visible = view === 'day' && phone ? shown.filter((column) => column.providerId === soloProvider?.id).slice(0, 1) : shown;
    return { columns: visible, hiddenCount: built.length - shown.length, ...bounds };
  }, [
    appointmentsQuery.data,
    view,
    providers,
    weekProvider,
    localDate,
    weekStart,
    today,
    timeZone,
    schedules.byProvider,
    workingByProvider,
    hideNotWorking,
    phone,
    soloProvider,
  ]);

  const providerColors = useMemo(() => new Map(providers.map((provider) => [provider.id, provider.color])), [providers]);
  const providerNames = useMemo(() => new Map(providers.map((provider) => [provider.id, provider.displayName])), [providers]);

  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const [openAppointmentId, setOpenAppointmentId] = useState<string | null>(null);
  const [editing, setEditing] = useState<BookAppointment | null>(null);
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  const moveAppointment = useMoveAppointment();
  const permissions = useAppointmentPermissions();

  const onMove = useCallback(
    (appointment: BookAppointment, column: GridColumn, startMin: number) => {
      const start = zonedInstant(column.localDate, startMin, timeZone).toISOString();
      const providerName = providerNames.get(column.providerId) ?? 'the provider';
      setPendingIds((current) => new Set(current).add(appointment.id));
      moveAppointment.mutate(
        { appointment, providerId: column.providerId, start },
        {
          onSuccess: (moved) => {
            notifications.show({
              color: 'lagoon',
              title: 'Appointment moved',
              message: `${formatLocalDate(wallClockOf(moved.start, timeZone).localDate, 'short')} at ${formatClinicTime(moved.start, timeZone)} with ${providerName}.`,
            });
            askToNotifyPatient(moved, 'reschedule');
          },
          onError: (error) => {
            notifications.show({
              color: 'red',
              title: isApiProblem(error, 412) ? 'Someone else changed this appointment' : 'The appointment was not moved',
              message: isApiProblem(error) ? error.detail : 'Something went wrong. Try again.',
              autoClose: 9000,
            });
          },
          onSettled: () =>
            setPendingIds((current) => {
              const next = new Set(current);
              next.delete(appointment.id);
              return next;
            }),
        },
      );
    },
    [moveAppointment, providerNames, timeZone],
  );

  const onSlotClick = useCallback(
    (column: GridColumn, startMin: number) => {
      if (clinicId) setDraft({ clinicId, providerId: column.providerId, localDate: column.localDate, startMin });
    },
    [clinicId],
  );
  const onOpen = useCallback((appointment: BookAppointment) => setOpenAppointmentId(appointment.id), []);

  const header = (
    <PageHeader title="Appointments" description="The appointment book: each provider's day side by side, or one provider's week." />
  );

  if (clinics.isError) {
    return (
      <>
        {header}
        <LoadError what="the clinics" error={clinics.error} onRetry={() => void clinics.refetch()} />
      </>
    );
  }
  if (clinics.isPending) {
    return (
      <>
        {header}
        <Stack gap="sm" role="status" aria-label="Loading the appointment book">
          <Skeleton height={112} radius="lg" />
          <Skeleton height={480} radius="lg" />
        </Stack>
      </>
    );
  }
  if (!clinic || !clinicId) {
    return (
      <>
        {header}
        <BookSetupNeeded what="clinics" setupAction={setupAction} />
      </>
    );
  }

  const showsToday = columns.some((column) => column.isToday);
  const spans = columns.flatMap((column) => [...(column.working ?? []), ...column.items]);
  const firstWork = spans.length > 0 ? Math.min(...spans.map((span) => span.startMin)) : 8 * 60 + 30;
  const lastWork = spans.length > 0 ? Math.max(...spans.map((span) => span.endMin)) : 17 * 60;
  // Today: keep the next hours in view without scrolling past the day's work; other days: from the first work.
  const scrollToMin = showsToday
    ? Math.max(firstWork - 30, Math.min(wallClockOf(now, timeZone).minutes - 90, lastWork - 6 * 60))
    : firstWork - 30;
  const zoneLabel = `Times in ${timeZone} (${zoneAbbreviation(zonedInstant(localDate, 12 * 60, timeZone), timeZone)})`;
  const nowWall = wallClockOf(now, timeZone);

  return (
    <div className={classes.page}>
      <BookToolbar
        clinics={clinicList}
        clinicId={clinicId}
        onClinicChange={(nextClinicId) => {
          writeStorage(LAST_CLINIC_KEY, nextClinicId);
          update({ clinic: nextClinicId, provider: undefined });
        }}
        view={view}
        onViewChange={(nextView) => update({ view: nextView === 'week' ? 'week' : undefined })}
        providers={providers}
        soloProviderId={soloProvider?.id}
        onSoloProviderChange={(providerId) => update({ provider: providerId })}
        showsProviderPicker={view === 'week' || phone}
        localDate={view === 'day' ? localDate : weekStart}
        isToday={view === 'day' ? localDate === today : weekStart === startOfWeek(today)}
        onDateChange={(date) => update({ date })}
        onStep={(direction) => update({ date: addDays(localDate, direction * (view === 'day' ? 1 : 7)) })}
        onToday={() => update({ date: undefined })}
        colorBy={colorBy}
        onColorByChange={(next) => {
          writeStorage(COLOR_BY_KEY, next);
          update({ color: next === 'status' ? 'status' : undefined });
        }}
        hideNotWorking={hideNotWorking}
        onHideNotWorkingChange={(hide) => {
          writeStorage(HIDE_NOT_WORKING_KEY, String(hide));
          setHideNotWorking(hide);
        }}
        onCreate={() => setDraft({ clinicId, localDate, providerId: view === 'week' || phone ? soloProvider?.id : undefined })}
        onFindATime={() => setDraft({ clinicId, localDate: today, findATime: true })}
        onOpenNoShows={() => void navigate(`/appointments/no-shows?clinic=${clinicId}`)}
      />
      {appointmentsQuery.isError && (
        <Box mb="sm">
          <LoadError what="the appointments" error={appointmentsQuery.error} onRetry={() => void appointmentsQuery.refetch()} />
        </Box>
      )}
      {schedules.isError && (
        <Text size="sm" c="red" mb="xs" role="alert">
          Working hours could not be loaded; every time shows as open.
        </Text>
      )}
      {providersQuery.isSuccess && providers.length === 0 ? (
        <BookSetupNeeded what="providers" setupAction={setupAction} />
      ) : view === 'day' && columns.length === 0 && hiddenCount > 0 ? (
        <Stack align="center" gap="xs" py="xl" className={classes.nobody}>
          <Text fw={600}>Nobody is working at this clinic on {formatLocalDate(localDate, 'long')}.</Text>
          <Button
            variant="default"
            onClick={() => {
              writeStorage(HIDE_NOT_WORKING_KEY, 'false');
              setHideNotWorking(false);
            }}
          >
            Show every provider
          </Button>
        </Stack>
      ) : (
        <div className={classes.gridArea}>
          <TimeGrid
            key={`${clinicId}-${view}`}
            columns={columns}
            dayStartMin={dayStartMin}
            dayEndMin={dayEndMin}
            zoneLabel={zoneAbbreviation(zonedInstant(localDate, 12 * 60, timeZone), timeZone)}
            colorBy={colorBy}
            providerColors={providerColors}
            nowMin={nowWall.minutes}
            pendingIds={pendingIds}
            minColumnWidth={view === 'day' ? 150 : phone ? 100 : 120}
            scrollToMin={scrollToMin}
            scrollKey={`${view}-${localDate}-${soloProvider?.id ?? ''}`}
            onSlotClick={onSlotClick}
            onOpen={onOpen}
            onMove={onMove}
            movableFor={permissions.movableFor}
          />
        </div>
      )}
      <Group justify="space-between" gap="xs" wrap="nowrap" className={classes.footer}>
        <Text size="xs" c="dimmed" truncate>
          {zoneLabel}
          {hiddenCount > 0 ? ` · ${hiddenCount} not working today hidden` : ''}
        </Text>
        {(appointmentsQuery.isFetching || providersQuery.isPending) && (
          <Group gap={6} role="status" aria-live="polite" wrap="nowrap">
            <Loader size={12} />
            <Text size="xs" c="dimmed">
              Updating…
            </Text>
          </Group>
        )}
      </Group>
      <LazyCreateAppointmentDrawer
        draft={draft}
        clinics={clinicList}
        onClose={() => setDraft(null)}
        onBooked={(appointment) => {
          const bookedDate = wallClockOf(appointment.start, appointment.timeZone).localDate;
          if (appointment.clinicId !== clinicId || bookedDate !== localDate) {
            update({ clinic: appointment.clinicId, date: bookedDate === today ? undefined : bookedDate });
          }
        }}
      />
      <LazyAppointmentDrawer
        appointmentId={openAppointmentId}
        onClose={() => setOpenAppointmentId(null)}
        onEdit={(appointment) => setEditing(appointment)}
      />
      <LazyEditAppointmentModal appointment={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
