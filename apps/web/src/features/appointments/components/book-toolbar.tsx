import '@mantine/dates/styles.css';
import type { Clinic, Provider } from '@glowdesk/contracts';
import { ActionIcon, Button, Group, Menu, SegmentedControl, Select, Title, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import {
  IconCalendar,
  IconCalendarPlus,
  IconCheck,
  IconChevronLeft,
  IconChevronRight,
  IconClockSearch,
  IconEyeOff,
  IconPalette,
  IconTool,
  IconUserX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { shortClinicNames } from '../../practice-setup/clinic-short-names.ts';
import type { ColorBy } from './time-grid.tsx';
import classes from './book-toolbar.module.css';

export type BookView = 'day' | 'week';

const colorByOptions: { value: ColorBy; label: string }[] = [
  { value: 'provider', label: 'Colour by provider' },
  { value: 'status', label: 'Colour by status' },
];

/**
 * As wide as the widest of `labels` (within the CSS bounds of `className`), so a select shows
 * its whole value instead of cutting it off; the labels are laid out invisibly under the field.
 */
function WidthOfLongest({
  labels,
  className,
  children,
}: {
  labels: readonly string[];
  className: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`${classes.fit ?? ''} ${className ?? ''}`}>
      {children}
      {labels.map((label) => (
        <span key={label} className={classes.sizer} aria-hidden="true">
          {label}
        </span>
      ))}
    </div>
  );
}

interface BookToolbarProps {
  clinics: Clinic[];
  clinicId: string;
  onClinicChange: (clinicId: string) => void;
  view: BookView;
  onViewChange: (view: BookView) => void;
  providers: Provider[];
  /** The provider shown alone: the week view's, or the day's column on a phone. */
  soloProviderId: string | undefined;
  onSoloProviderChange: (providerId: string) => void;
  /** Whether the provider picker shows (the week view, or a phone's day view). */
  showsProviderPicker: boolean;
  localDate: string;
  isToday: boolean;
  onDateChange: (localDate: string) => void;
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
  colorBy: ColorBy;
  onColorByChange: (colorBy: ColorBy) => void;
  hideNotWorking: boolean;
  onHideNotWorkingChange: (hide: boolean) => void;
  onCreate: () => void;
  onFindATime: () => void;
  onOpenNoShows: () => void;
}

/**
 * The book's one toolbar: the page title, Create (where clinics expect it) and Find a time,
 * then where and when, then how it looks; tools under the wrench. It wraps on narrow screens.
 */
export function BookToolbar(props: BookToolbarProps) {
  const { view, localDate } = props;
  const dateFormat = view === 'day' ? 'ddd, MMM D, YYYY' : '[Week of] MMM D';
  // Every clinic's name shares the practice's (shown in the header): the field shows the rest.
  const clinicNames = shortClinicNames(props.clinics);
  const clinicOptions = props.clinics.map((clinic) => ({ value: clinic.id, label: clinicNames.get(clinic.id) ?? clinic.name }));
  const providerOptions = props.providers.map((provider) => ({ value: provider.id, label: provider.displayName }));
  return (
    <section className={classes.toolbar} aria-label="Appointment book toolbar">
      <Title order={1} fz={20} className={classes.title}>
        Appointments
      </Title>
      <Button leftSection={<IconCalendarPlus size={18} />} onClick={props.onCreate}>
        Create
      </Button>
      <Button variant="default" leftSection={<IconClockSearch size={18} stroke={1.6} />} onClick={props.onFindATime} visibleFrom="xs">
        Find a time
      </Button>
      <ActionIcon variant="default" size={36} aria-label="Find a time" onClick={props.onFindATime} hiddenFrom="xs">
        <IconClockSearch size={18} stroke={1.6} />
      </ActionIcon>
      <WidthOfLongest labels={clinicOptions.map((option) => option.label)} className={classes.clinic}>
        <Select
          aria-label="Clinic"
          data={clinicOptions}
          value={props.clinicId}
          onChange={(value) => value && props.onClinicChange(value)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </WidthOfLongest>
      <Group gap={4} wrap="nowrap" className={classes.dateNav}>
        <Button variant="default" px="sm" onClick={props.onToday} disabled={props.isToday}>
          Today
        </Button>
        <ActionIcon
          variant="default"
          size={36}
          onClick={() => props.onStep(-1)}
          aria-label={view === 'day' ? 'Previous day' : 'Previous week'}
        >
          <IconChevronLeft size={18} />
        </ActionIcon>
        <ActionIcon variant="default" size={36} onClick={() => props.onStep(1)} aria-label={view === 'day' ? 'Next day' : 'Next week'}>
          <IconChevronRight size={18} />
        </ActionIcon>
        <DatePickerInput
          // The name starts with the date it shows (WCAG 2.5.3: speech users say what they see).
          aria-label={`${dayjs(localDate).format(dateFormat)}: choose a date`}
          value={localDate}
          onChange={(value) => value && props.onDateChange(value)}
          valueFormat={dateFormat}
          leftSection={<IconCalendar size={16} stroke={1.6} />}
          firstDayOfWeek={1}
          className={view === 'day' ? classes.day : classes.week}
          styles={{ input: { fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } }}
          popoverProps={{ withinPortal: true }}
        />
      </Group>
      <SegmentedControl
        aria-label="View"
        value={view}
        onChange={(value) => props.onViewChange(value === 'week' ? 'week' : 'day')}
        data={[
          { value: 'day', label: 'Day' },
          { value: 'week', label: 'Week' },
        ]}
      />
      {props.showsProviderPicker && (
        <WidthOfLongest labels={providerOptions.map((option) => option.label)} className={classes.provider}>
          <Select
            aria-label="Provider"
            placeholder="Provider"
            data={providerOptions}
            value={props.soloProviderId ?? null}
            onChange={(value) => value && props.onSoloProviderChange(value)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </WidthOfLongest>
      )}
      <Group gap="xs" wrap="nowrap" className={classes.end}>
        {/* A menu under an icon rather than a select: the toolbar keeps to one row at 1440 px. */}
        <Menu position="bottom-end" shadow="md" width={220}>
          <Menu.Target>
            <Tooltip label="Colour appointments by" withArrow={false}>
              <ActionIcon variant="default" size={36} aria-label={`Colour appointments by: ${props.colorBy}`}>
                <IconPalette size={18} stroke={1.6} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            {colorByOptions.map((option) => (
              <Menu.Item
                key={option.value}
                role="menuitemradio"
                aria-checked={props.colorBy === option.value}
                rightSection={props.colorBy === option.value ? <IconCheck size={16} aria-hidden="true" /> : null}
                onClick={() => props.onColorByChange(option.value)}
              >
                {option.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-end" shadow="md" width={260}>
          <Menu.Target>
            <Tooltip label="Appointment book tools" withArrow={false}>
              <ActionIcon variant="default" size={36} aria-label="Appointment book tools">
                <IconTool size={18} stroke={1.6} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconUserX size={16} />} onClick={props.onOpenNoShows}>
              No Shows
            </Menu.Item>
            <Menu.Item
              leftSection={<IconEyeOff size={16} />}
              rightSection={props.hideNotWorking ? <IconCheck size={16} aria-hidden="true" /> : null}
              role="menuitemcheckbox"
              aria-checked={props.hideNotWorking}
              onClick={() => props.onHideNotWorkingChange(!props.hideNotWorking)}
            >
              Hide providers not working
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </section>
  );
}
