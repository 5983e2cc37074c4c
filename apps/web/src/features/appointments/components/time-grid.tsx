import { Group, Text, VisuallyHidden } from '@mantine/core';
import { IconCreditCard, IconFileAlert, IconNote, IconStack2, IconUserPlus, IconVideo } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import { hasCardForFees, type BookAppointment } from '../api/appointment-schema.ts';
import { appointmentStatusHex, movableStatuses, statusLabel } from '../appointment-status.ts';
import { EVERY_PROVIDER } from '../use-appointment-permissions.ts';
import { cardLayoutFor, describeCard, showsFooter } from '../card-label.ts';
import { formatMinutes } from '../clinic-time.ts';
import classes from './time-grid.module.css';

/** 15-minute rows, 20 px each: an hour is 80 px, tall enough for a 30-minute card's name. */
export const SLOT_MINUTES = 15;
const SLOT_PX = 20;
const PX_PER_MINUTE = SLOT_PX / SLOT_MINUTES;
const DRAG_THRESHOLD_PX = 5;
const HEADER_HEIGHT = 58;

export type ColorBy = 'provider' | 'status';

export interface GridItem {
  appointment: BookAppointment;
  /** Minutes from the column's local midnight, clipped to the day. */
  startMin: number;
  endMin: number;
  /** Side-by-side placement for overlapping (double-booked) appointments. */
  lane: number;
  lanes: number;
}

export interface GridColumn {
  key: string;
  providerId: string;
  localDate: string;
  title: string;
  subtitle: string | null;
  /** The provider's color, for the header swatch. */
  color: string | null;
  isToday: boolean;
  /** Working intervals in minutes of the day; undefined while the schedule loads. */
  working: { startMin: number; endMin: number }[] | undefined;
  items: GridItem[];
}

interface DragPreview {
  appointmentId: string;
  columnKey: string;
  startMin: number;
  durationMin: number;
}

interface TimeGridProps {
  columns: GridColumn[];
  /** The visible part of the day, in minutes from local midnight (whole hours). */
  dayStartMin: number;
  dayEndMin: number;
  /** e.g. "EST": shown in the corner above the hour labels. */
  zoneLabel: string;
  colorBy: ColorBy;
  providerColors: ReadonlyMap<string, string>;
  /** Minutes from midnight now, for the red line on today's column. */
  nowMin: number;
  /** Appointments whose move is waiting for the server. */
  pendingIds: ReadonlySet<string>;
  minColumnWidth: number;
  /** Where to scroll to when `scrollKey` (e.g. the date shown) changes. */
  scrollToMin: number;
  scrollKey: string;
  onSlotClick: (column: GridColumn, startMin: number) => void;
  onOpen: (appointment: BookAppointment) => void;
  onMove: (appointment: BookAppointment, column: GridColumn, startMin: number) => void;
  /** Whose appointments may be dragged: the provider's id ('*' for every provider's), or nobody's (null). */
  movableFor: string | null;
}

function snap(minutes: number): number {
  return Math.round(minutes / SLOT_MINUTES) * SLOT_MINUTES;
}

/** What a card flags with an icon, in the order the icons show; each with the words a screen reader says. */
const cardFlags = [
  { key: 'newClient', label: 'new client', Icon: IconUserPlus },
  { key: 'cardOnFile', label: 'card on file', Icon: IconCreditCard },
  { key: 'notes', label: 'has notes', Icon: IconNote },
  { key: 'virtual', label: 'virtual', Icon: IconVideo },
  { key: 'paperwork', label: 'paperwork outstanding', Icon: IconFileAlert },
  { key: 'doubleBooked', label: 'double-booked', Icon: IconStack2 },
] as const;

type CardFlag = (typeof cardFlags)[number]['key'];

function flagsOf(item: GridItem): Set<CardFlag> {
  const { appointment } = item;
  const flags = new Set<CardFlag>();
  if (appointment.kind === 'out_of_office') return flags;
  if (appointment.patientIsNew) flags.add('newClient');
  if (hasCardForFees(appointment)) flags.add('cardOnFile');
  if (appointment.notes) flags.add('notes');
  if (appointment.mode === 'virtual') flags.add('virtual');
  if ((appointment.formsOutstanding ?? 0) > 0) flags.add('paperwork');
  if (item.lanes > 1) flags.add('doubleBooked');
  return flags;
}

type Tier = NonNullable<BookAppointment['memberTiers']>[number];

/** The default colour of a tier whose plan names none. */
const TIER_FALLBACK_COLOR = '#7b61ff';

function CardIcons({ flags, tiers }: { flags: ReadonlySet<CardFlag>; tiers: readonly Tier[] }) {
  if (flags.size === 0 && tiers.length === 0) return null;
  return (
    <span className={classes.cardIcons} aria-hidden="true">
      {tiers.map((tier) => (
        <span
          key={`tier-${tier.name}`}
          title={`${tier.name} member`}
          data-tier={tier.name}
          className={classes.tierDot}
          style={{ background: tier.color ?? TIER_FALLBACK_COLOR }}
        />
      ))}
      {cardFlags
        .filter((flag) => flags.has(flag.key))
        .map(({ key, label, Icon }) => (
          <span key={key} title={label} data-flag={key}>
            <Icon size={12} stroke={2} />
          </span>
        ))}
    </span>
  );
}

interface CardProps {
  item: GridItem;
  dayStartMin: number;
  accent: string;
  dragging: boolean;
  pending: boolean;
  /** The staff member may move it (its status allows a move and it is in a column they may change). */
  movable: boolean;
  onPointerDown: (event: ReactPointerEvent<HTMLButtonElement>, item: GridItem) => void;
  onOpen: (appointment: BookAppointment) => void;
}

const AppointmentCard = memo(function AppointmentCard({
  item,
  dayStartMin,
  accent,
  dragging,
  pending,
  movable,
  onPointerDown,
  onOpen,
}: CardProps) {
  const { appointment } = item;
  const outOfOffice = appointment.kind === 'out_of_office';
  const heightPx = Math.max((item.endMin - item.startMin) * PX_PER_MINUTE - 2, 16);
  const widthPercent = 100 / item.lanes;
  const style = {
    top: (item.startMin - dayStartMin) * PX_PER_MINUTE + 1,
    height: heightPx,
    left: `calc(${item.lane * widthPercent}% + 3px)`,
    width: `calc(${widthPercent}% - 6px)`,
    '--card-accent': accent,
  } as CSSProperties;
  const className = [
    classes.card,
    outOfOffice ? classes.outOfOffice : '',
    appointment.status === 'completed' ? classes.completed : '',
    movable ? classes.draggable : '',
    dragging ? classes.dragging : '',
    pending ? classes.pending : '',
  ].join(' ');
  const flags = flagsOf(item);
  const name = outOfOffice
    ? (appointment.title ?? 'Out of office')
    : appointment.patient
      ? `${appointment.patient.firstName} ${appointment.patient.lastName}`
      : null;
  const services = outOfOffice ? 'Out of office' : appointment.services.map((service) => service.name).join(' + ');
  const startLabel = formatMinutes(item.startMin);
  const layout = cardLayoutFor(heightPx);
  const tiers = outOfOffice ? [] : (appointment.memberTiers ?? []);
  const footer = showsFooter(layout, heightPx);
  const label = describeCard({
    startMin: item.startMin,
    endMin: item.endMin,
    outOfOffice,
    status: statusLabel(appointment.status),
    layout,
    footer,
    title: name,
    services,
    flags: cardFlags.filter((flag) => flags.has(flag.key)).map((flag) => flag.label),
    tiers: tiers.map((tier) => tier.name),
  });
  return (
    <button
      type="button"
      className={className}
      style={style}
      data-appointment-id={appointment.id}
      aria-label={label}
      onPointerDown={movable ? (event) => onPointerDown(event, item) : undefined}
      onClick={(event) => {
        event.stopPropagation();
        onOpen(appointment);
      }}
    >
      {layout === 'line' ? (
        // A 15- or 20-minute visit: one line with the start, the name and the service.
        <div className={classes.cardLine} aria-hidden="true">
          <span className={classes.cardTime}>{startLabel}</span> <span className={classes.cardName}>{name}</span>
          {!outOfOffice && <span className={classes.cardService}> · {services}</span>}
          <CardIcons flags={flags} tiers={tiers} />
        </div>
      ) : layout === 'compact' ? (
        // 30 minutes: start and name, then the service.
        <>
          <div className={classes.cardLine} aria-hidden="true">
            <span className={`${classes.cardTime} ${classes.cardTimeGivesWay}`}>{startLabel}</span>{' '}
            <span className={classes.cardName}>{name}</span>
            <CardIcons flags={flags} tiers={tiers} />
          </div>{' '}
          <div className={classes.cardDetail} style={{ WebkitLineClamp: 1 }} aria-hidden="true">
            {services}
          </div>
        </>
      ) : (
        <>
          <div className={classes.cardLine} aria-hidden="true">
            <span className={`${classes.cardTime} ${classes.cardTimeRange}`}>
              {startLabel} – {formatMinutes(item.endMin)}
            </span>
            <CardIcons flags={flags} tiers={footer ? [] : tiers} />
          </div>{' '}
          <div className={classes.cardTitle} aria-hidden="true">
            {name}
          </div>{' '}
          <div className={classes.cardDetail} style={{ WebkitLineClamp: heightPx >= 100 ? 2 : 1 }} aria-hidden="true">
            {services}
          </div>{' '}
          {!outOfOffice && footer && (
            <div className={classes.cardFooter} aria-hidden="true">
              {tiers.map((tier) => (
                <span
                  key={tier.name}
                  className={classes.cardTier}
                  data-tier={tier.name}
                  style={{ '--tier-color': tier.color ?? TIER_FALLBACK_COLOR } as CSSProperties}
                >
                  {tier.name}
                </span>
              ))}{' '}
              <span className={classes.cardStatus}>{statusLabel(appointment.status)}</span>
            </div>
          )}
        </>
      )}
    </button>
  );
});

interface ColumnProps {
  column: GridColumn;
  dayStartMin: number;
  dayEndMin: number;
  colorBy: ColorBy;
  providerColors: ReadonlyMap<string, string>;
  nowMin: number | undefined;
  preview: DragPreview | undefined;
  draggingId: string | undefined;
  pendingIds: ReadonlySet<string>;
  movableFor: string | null;
  registerColumn: (key: string, element: HTMLDivElement | null) => void;
  onSlotClick: (column: GridColumn, startMin: number) => void;
  onCardPointerDown: (event: ReactPointerEvent<HTMLButtonElement>, item: GridItem, column: GridColumn) => void;
  onOpen: (appointment: BookAppointment) => void;
}

const GridColumnBody = memo(function GridColumnBody({
  column,
  dayStartMin,
  dayEndMin,
  colorBy,
  providerColors,
  nowMin,
  preview,
  draggingId,
  pendingIds,
  movableFor,
  registerColumn,
  onSlotClick,
  onCardPointerDown,
  onOpen,
}: ColumnProps) {
  const hoverRef = useRef<HTMLDivElement>(null);
  // The empty time chosen with the keyboard while the column has focus (arrow keys move it, Enter books it).
  const [keyMin, setKeyMin] = useState<number | null>(null);

  useEffect(() => {
    const hover = hoverRef.current;
    if (!hover || keyMin === null) return;
    hover.style.display = 'flex';
    hover.style.top = `${(keyMin - dayStartMin) * PX_PER_MINUTE + 1}px`;
    hover.style.height = `${SLOT_PX - 2}px`;
    hover.textContent = `+ ${formatMinutes(keyMin)}`;
    hover.scrollIntoView({ block: 'nearest' });
  }, [keyMin, dayStartMin]);

  function clampToDay(minutes: number): number {
    return Math.min(dayEndMin - SLOT_MINUTES, Math.max(dayStartMin, minutes));
  }

  function isEmpty(startMin: number): boolean {
    return !column.items.some((item) => item.startMin < startMin + SLOT_MINUTES && item.endMin > startMin);
  }

  /** The first empty time from `fromMin` on in `direction` (1 later, -1 earlier); `fallback` when there is none. */
  function emptyFrom(fromMin: number, direction: 1 | -1, fallback: number): number {
    for (
      let minutes = clampToDay(fromMin);
      minutes >= dayStartMin && minutes <= dayEndMin - SLOT_MINUTES;
      minutes += direction * SLOT_MINUTES
    ) {
      if (isEmpty(minutes)) return minutes;
    }
    return fallback;
  }

  /** Where the keyboard starts in a column: the first empty time of its working hours on show. */
  function firstKeyMin(): number {
    const firstWork = clampToDay(column.working?.find((interval) => interval.endMin > dayStartMin)?.startMin ?? dayStartMin);
    return emptyFrom(firstWork, 1, firstWork);
  }

  function minutesAt(clientY: number, element: HTMLElement): number {
    const offset = clientY - element.getBoundingClientRect().top;
    return Math.min(dayEndMin - SLOT_MINUTES, Math.max(dayStartMin, dayStartMin + Math.floor(offset / SLOT_PX) * SLOT_MINUTES));
  }

  const handleCardPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLButtonElement>, item: GridItem) => onCardPointerDown(event, item, column),
    [onCardPointerDown, column],
  );

  return (
    <div
      ref={(element) => registerColumn(column.key, element)}
      className={`${classes.column} ${column.working === undefined ? classes.columnLoading : ''}`}
      style={{ height: (dayEndMin - dayStartMin) * PX_PER_MINUTE }}
      data-column-key={column.key}
      data-local-date={column.localDate}
      data-day-start={dayStartMin}
      aria-label={`${column.title}${column.subtitle ? `, ${column.subtitle}` : ''}. Arrow keys choose an empty time, Enter books it`}
      role="group"
      tabIndex={0}
      onFocus={(event) => {
        // A click focuses the column too: only the keyboard shows a chosen time.
        if (event.target !== event.currentTarget || !event.currentTarget.matches(':focus-visible')) return;
        setKeyMin((current) => current ?? firstKeyMin());
      }}
      onBlur={(event) => {
        if (event.target !== event.currentTarget) return;
        setKeyMin(null);
        if (hoverRef.current) hoverRef.current.style.display = 'none';
      }}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        const steps: Record<string, number> = { ArrowDown: SLOT_MINUTES, ArrowUp: -SLOT_MINUTES, PageDown: 60, PageUp: -60 };
        const step = steps[event.key];
        if (step !== undefined) {
          event.preventDefault();
          setKeyMin((current) => (current === null ? firstKeyMin() : emptyFrom(current + step, step > 0 ? 1 : -1, current)));
        } else if ((event.key === 'Enter' || event.key === ' ') && keyMin !== null) {
          event.preventDefault();
          onSlotClick(column, keyMin);
        }
      }}
      onClick={(event) => {
        if (event.target !== event.currentTarget && !(event.target as HTMLElement).dataset.slotSurface) return;
        onSlotClick(column, minutesAt(event.clientY, event.currentTarget));
      }}
      onPointerMove={(event) => {
        const hover = hoverRef.current;
        if (!hover) return;
        const overCard = (event.target as HTMLElement).closest('button');
        if (overCard || preview || event.buttons !== 0) {
          hover.style.display = 'none';
          return;
        }
        const minutes = minutesAt(event.clientY, event.currentTarget);
        hover.style.display = 'flex';
        hover.style.top = `${(minutes - dayStartMin) * PX_PER_MINUTE + 1}px`;
        hover.style.height = `${SLOT_PX - 2}px`;
        hover.textContent = `+ ${formatMinutes(minutes)}`;
      }}
      onPointerLeave={() => {
        if (hoverRef.current) hoverRef.current.style.display = 'none';
      }}
    >
      {column.working?.map((interval) => (
        <div
          key={`${interval.startMin}-${interval.endMin}`}
          className={classes.working}
          data-slot-surface="true"
          style={{ top: (interval.startMin - dayStartMin) * PX_PER_MINUTE, height: (interval.endMin - interval.startMin) * PX_PER_MINUTE }}
        />
      ))}
      <div className={classes.lines} style={{ '--hour-px': `${60 * PX_PER_MINUTE}px`, '--slot-px': `${SLOT_PX}px` } as CSSProperties} />
      <div ref={hoverRef} className={classes.hover} aria-hidden="true" />
      {keyMin !== null && (
        <VisuallyHidden role="status" aria-live="polite">
          {formatMinutes(keyMin)}
        </VisuallyHidden>
      )}
      {nowMin !== undefined && nowMin >= dayStartMin && nowMin <= dayEndMin && (
        <div className={classes.now} style={{ top: (nowMin - dayStartMin) * PX_PER_MINUTE }} aria-hidden="true" />
      )}
      {column.items.map((item) => (
        <AppointmentCard
          key={item.appointment.id}
          item={item}
          dayStartMin={dayStartMin}
          accent={
            item.appointment.kind === 'out_of_office'
              ? '#64748b'
              : colorBy === 'status'
                ? appointmentStatusHex[item.appointment.status]
                : (providerColors.get(item.appointment.providerId) ?? '#2f7f76')
          }
          dragging={draggingId === item.appointment.id}
          pending={pendingIds.has(item.appointment.id)}
          movable={
            movableStatuses.has(item.appointment.status) && (movableFor === EVERY_PROVIDER || movableFor === item.appointment.providerId)
          }
          onPointerDown={handleCardPointerDown}
          onOpen={onOpen}
        />
      ))}
      {preview && (
        <div
          className={classes.preview}
          style={{ top: (preview.startMin - dayStartMin) * PX_PER_MINUTE + 1, height: preview.durationMin * PX_PER_MINUTE - 2 }}
          aria-hidden="true"
        >
          {formatMinutes(preview.startMin)} – {formatMinutes(preview.startMin + preview.durationMin)}
        </div>
      )}
    </div>
  );
});

interface DragState {
  item: GridItem;
  fromColumn: GridColumn;
  pointerId: number;
  originX: number;
  originY: number;
  /** Minutes between the card's start and where it was grabbed. */
  grabOffsetMin: number;
  active: boolean;
}

/**
 * The appointment book's time grid: a column per provider (day view) or per day (week view),
 * 15-minute rows, working hours white over grey, appointments as cards. Columns are memoized
 * and the grid lines are CSS backgrounds, so 20 columns with hundreds of cards render once and
 * a drag re-renders only the column under the pointer.
 */
export function TimeGrid({
  columns,
  dayStartMin,
  dayEndMin,
  zoneLabel,
  colorBy,
  providerColors,
  nowMin,
  pendingIds,
  minColumnWidth,
  scrollToMin,
  scrollKey,
  onSlotClick,
  onOpen,
  onMove,
  movableFor,
}: TimeGridProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const columnElements = useRef(new Map<string, HTMLDivElement>());
  const drag = useRef<DragState | null>(null);
  const suppressClick = useRef(false);
  const [preview, setPreview] = useState<DragPreview | null>(null);
  const [draggingId, setDraggingId] = useState<string | undefined>(undefined);
  const latest = useRef({ columns, onMove, onOpen, onSlotClick, dayStartMin, dayEndMin });
  useEffect(() => {
    latest.current = { columns, onMove, onOpen, onSlotClick, dayStartMin, dayEndMin };
  });

  const registerColumn = useCallback((key: string, element: HTMLDivElement | null) => {
    if (element) columnElements.current.set(key, element);
    else columnElements.current.delete(key);
  }, []);

  // Open on the part of the day that matters (now, or the first work) whenever the day or view
  // changes; while hours and bookings arrive, follow them only until the user scrolls.
  const autoScroll = useRef<{ key: string; top: number } | null>(null);
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const previous = autoScroll.current;
    if (previous?.key === scrollKey && Math.abs(scroller.scrollTop - previous.top) > 1) return;
    // On a whole hour, so the top hour's label is not cut by the sticky header.
    scroller.scrollTop = Math.max(0, (Math.floor(scrollToMin / 60) * 60 - dayStartMin) * PX_PER_MINUTE);
    autoScroll.current = { key: scrollKey, top: scroller.scrollTop };
  }, [scrollKey, scrollToMin, dayStartMin]);

  const placeFor = useCallback((clientX: number, clientY: number, state: DragState): DragPreview | null => {
    const { dayStartMin: start, dayEndMin: end } = latest.current;
    for (const [key, element] of columnElements.current) {
      const rect = element.getBoundingClientRect();
      if (clientX < rect.left || clientX >= rect.right) continue;
      const durationMin = state.item.endMin - state.item.startMin;
      const pointerMin = start + (clientY - rect.top) / PX_PER_MINUTE;
      const startMin = Math.min(Math.max(snap(pointerMin - state.grabOffsetMin), start), end - durationMin);
      return { appointmentId: state.item.appointment.id, columnKey: key, startMin, durationMin };
    }
    return null;
  }, []);

  const stopListening = useRef<(() => void) | null>(null);
  useEffect(() => () => stopListening.current?.(), []);

  const onCardPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLButtonElement>, item: GridItem, column: GridColumn) => {
      if (event.button !== 0 || drag.current) return;
      const columnElement = columnElements.current.get(column.key);
      if (!columnElement) return;
      const pointerMin = latest.current.dayStartMin + (event.clientY - columnElement.getBoundingClientRect().top) / PX_PER_MINUTE;
      const state: DragState = {
        item,
        fromColumn: column,
        pointerId: event.pointerId,
        originX: event.clientX,
        originY: event.clientY,
        grabOffsetMin: Math.max(0, pointerMin - item.startMin),
        active: false,
      };
      drag.current = state;

      function move(moveEvent: PointerEvent) {
        if (moveEvent.pointerId !== state.pointerId) return;
        if (!state.active) {
          if (Math.hypot(moveEvent.clientX - state.originX, moveEvent.clientY - state.originY) < DRAG_THRESHOLD_PX) return;
          state.active = true;
          setDraggingId(state.item.appointment.id);
        }
        moveEvent.preventDefault();
        const next = placeFor(moveEvent.clientX, moveEvent.clientY, state);
        // Only a change of slot re-renders, and only the columns the preview leaves and enters.
        setPreview((current) =>
          current && next && current.columnKey === next.columnKey && current.startMin === next.startMin ? current : next,
        );
      }

      function finish(endEvent: PointerEvent) {
        if (endEvent.pointerId !== state.pointerId) return;
        stop();
        if (!state.active) return;
        suppressClick.current = true;
        window.setTimeout(() => {
          suppressClick.current = false;
        }, 0);
        const place = endEvent.type === 'pointerup' ? placeFor(endEvent.clientX, endEvent.clientY, state) : null;
        setPreview(null);
        setDraggingId(undefined);
        if (!place) return;
        const target = latest.current.columns.find((candidate) => candidate.key === place.columnKey);
        if (!target) return;
        const unchanged = target.key === state.fromColumn.key && place.startMin === state.item.startMin;
        if (!unchanged) latest.current.onMove(state.item.appointment, target, place.startMin);
      }

      function stop() {
        drag.current = null;
        stopListening.current = null;
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', finish);
        window.removeEventListener('pointercancel', finish);
      }

      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', finish);
      window.addEventListener('pointercancel', finish);
      stopListening.current = stop;
    },
    [placeFor],
  );

  const openUnlessDragged = useCallback((appointment: BookAppointment) => {
    if (!suppressClick.current) latest.current.onOpen(appointment);
  }, []);
  // The browser sends a drop's pointerup as a click on the column too: that is not a click on an empty time.
  const bookUnlessDragged = useCallback((column: GridColumn, startMin: number) => {
    if (!suppressClick.current) latest.current.onSlotClick(column, startMin);
  }, []);

  const hours: number[] = [];
  for (let minute = dayStartMin; minute <= dayEndMin; minute += 60) hours.push(minute);
  const bodyHeight = (dayEndMin - dayStartMin) * PX_PER_MINUTE;

  return (
    <div ref={scrollerRef} className={classes.scroller} data-book-scroller>
      <div className={classes.grid} style={{ gridTemplateColumns: `64px repeat(${columns.length}, minmax(${minColumnWidth}px, 1fr))` }}>
        <div className={classes.corner} style={{ height: HEADER_HEIGHT }}>
          <Text size="10px" c="dimmed" fw={600}>
            {zoneLabel}
          </Text>
        </div>
        {columns.map((column) => (
          <div
            key={column.key}
            className={`${classes.header} ${column.isToday ? classes.headerToday : ''}`}
            style={{ height: HEADER_HEIGHT }}
            data-book-column-header
          >
            <Group gap={6} wrap="nowrap">
              {column.color && <span className={classes.swatch} style={{ background: column.color }} aria-hidden="true" />}
              <Text size="sm" fw={650} truncate>
                {column.title}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" truncate>
              {column.subtitle}
            </Text>
          </div>
        ))}
        <div className={classes.gutter} style={{ height: bodyHeight }} aria-hidden="true">
          {hours.map((minute) =>
            minute === dayEndMin ? null : (
              <span key={minute} className={classes.hourLabel} style={{ top: (minute - dayStartMin) * PX_PER_MINUTE }}>
                {formatMinutes(minute).replace(':00', '')}
              </span>
            ),
          )}
        </div>
        {columns.map((column) => (
          <GridColumnBody
            key={column.key}
            column={column}
            dayStartMin={dayStartMin}
            dayEndMin={dayEndMin}
            colorBy={colorBy}
            providerColors={providerColors}
            nowMin={column.isToday ? nowMin : undefined}
            preview={preview?.columnKey === column.key ? preview : undefined}
            draggingId={draggingId}
            pendingIds={pendingIds}
            movableFor={movableFor}
            registerColumn={registerColumn}
            onSlotClick={bookUnlessDragged}
            onCardPointerDown={onCardPointerDown}
            onOpen={openUnlessDragged}
          />
        ))}
      </div>
      <VisuallyHidden>Drag an appointment to move it to another time or provider; click an empty time to book there.</VisuallyHidden>
    </div>
  );
}
