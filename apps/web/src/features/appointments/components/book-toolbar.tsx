import '@mantine/dates/styles.css';
import type { Clinic, Provider } from '@glowdesk/contracts';
import { ActionIcon, Badge, Button, Group, Menu, Paper, SegmentedControl, Select, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import {
  IconBuildingHospital,
  IconCalendar,
  IconCalendarPlus,
  IconChevronLeft,
  IconChevronRight,
  IconClock,
  IconTool,
  IconUserX,
} from '@tabler/icons-react';
import type { ColorBy } from './time-grid.tsx';

export type BookView = 'day' | 'week';

interface BookToolbarProps {
  clinics: Clinic[];
  clinicId: string;
  onClinicChange: (clinicId: string) => void;
  view: BookView;
  onViewChange: (view: BookView) => void;
  providers: Provider[];
  weekProviderId: string | undefined;
  onWeekProviderChange: (providerId: string) => void;
  localDate: string;
  isToday: boolean;
  onDateChange: (localDate: string) => void;
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
  colorBy: ColorBy;
  onColorByChange: (colorBy: ColorBy) => void;
  zoneLabel: string;
  onCreate: () => void;
  onOpenNoShows: () => void;
}

/** Create on the left (where clinics expect it), then where and when, then how it looks; tools under the wrench. */
export function BookToolbar(props: BookToolbarProps) {
  const { view, localDate } = props;
  return (
    <Paper withBorder radius="lg" px="md" py="sm" mb="sm" bg="white" component="section" aria-label="Appointment book toolbar">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Button leftSection={<IconCalendarPlus size={18} />} onClick={props.onCreate}>
            Create
          </Button>
          <Select
            aria-label="Clinic"
            data={props.clinics.map((clinic) => ({ value: clinic.id, label: clinic.name }))}
            value={props.clinicId}
            onChange={(value) => value && props.onClinicChange(value)}
            allowDeselect={false}
            leftSection={<IconBuildingHospital size={16} stroke={1.6} />}
            w={340}
            comboboxProps={{ withinPortal: true }}
          />
          <SegmentedControl
            aria-label="View"
            value={view}
            onChange={(value) => props.onViewChange(value === 'week' ? 'week' : 'day')}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
          />
          {view === 'week' && (
            <Select
              aria-label="Provider"
              placeholder="Provider"
              data={props.providers.map((provider) => ({ value: provider.id, label: provider.displayName }))}
              value={props.weekProviderId ?? null}
              onChange={(value) => value && props.onWeekProviderChange(value)}
              allowDeselect={false}
              w={210}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            aria-label="Color appointments by"
            size="xs"
            value={props.colorBy}
            onChange={(value) => props.onColorByChange(value === 'status' ? 'status' : 'provider')}
            data={[
              { value: 'provider', label: 'By provider' },
              { value: 'status', label: 'By status' },
            ]}
          />
          <Menu position="bottom-end" shadow="md" width={200}>
            <Menu.Target>
              <Tooltip label="Appointment book tools" withArrow={false}>
                <ActionIcon variant="default" size="lg" aria-label="Appointment book tools">
                  <IconTool size={18} stroke={1.6} />
                </ActionIcon>
              </Tooltip>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconUserX size={16} />} onClick={props.onOpenNoShows}>
                No Shows
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Group justify="space-between" gap="sm" wrap="wrap" mt="sm">
        <Group gap={6} wrap="nowrap">
          <Button variant="default" size="sm" onClick={props.onToday} disabled={props.isToday}>
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
            aria-label="Date"
            value={localDate}
            onChange={(value) => value && props.onDateChange(value)}
            valueFormat={view === 'day' ? 'ddd, MMM D, YYYY' : '[Week of] MMM D, YYYY'}
            leftSection={<IconCalendar size={16} stroke={1.6} />}
            firstDayOfWeek={1}
            w={view === 'day' ? 220 : 250}
            styles={{ input: { fontWeight: 600 } }}
            popoverProps={{ withinPortal: true }}
          />
        </Group>
        <Badge variant="light" color="gray" size="lg" leftSection={<IconClock size={14} />} tt="none" fw={500}>
          {props.zoneLabel}
        </Badge>
      </Group>
    </Paper>
  );
}
