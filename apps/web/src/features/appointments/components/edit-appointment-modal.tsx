import '@mantine/dates/styles.css';
import type { UpdateAppointmentRequest } from '@glowdesk/contracts';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { askToNotifyPatient } from '../../notifications/notification-prompt.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useProviders } from '../api/get-providers.ts';
import { useServices } from '../api/get-services.ts';
import { useUpdateAppointment } from '../api/update-appointment.ts';
import { formatMinutes, localToday, wallClockOf, zonedInstant } from '../clinic-time.ts';

const timeOptions = Array.from({ length: 96 }, (_, index) => ({ value: String(index * 15), label: formatMinutes(index * 15) }));

/** Edit / Reschedule: time, provider, visit type, notes; the server re-checks availability and refuses a stale edit. */
export function EditAppointmentModal({ appointment, onClose }: { appointment: BookAppointment | null; onClose: () => void }) {
  return (
    <Modal
      opened={appointment !== null}
      onClose={onClose}
      title={appointment?.kind === 'out_of_office' ? 'Edit out of office' : 'Edit / Reschedule'}
      size="lg"
    >
      {appointment && <EditForm key={`${appointment.id}-${appointment.version}`} appointment={appointment} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({ appointment, onClose }: { appointment: BookAppointment; onClose: () => void }) {
  const zone = appointment.timeZone;
  const startWall = wallClockOf(appointment.start, zone);
  const endWall = wallClockOf(appointment.end, zone);
  const [localDate, setLocalDate] = useState(startWall.localDate);
  const [startMin, setStartMin] = useState(startWall.minutes);
  const [endMin, setEndMin] = useState(endWall.localDate === startWall.localDate ? endWall.minutes : 24 * 60 - 15);
  const [providerId, setProviderId] = useState(appointment.providerId);
  const [mode, setMode] = useState(appointment.mode ?? 'in_person');
  const [title, setTitle] = useState(appointment.title ?? '');
  const [notes, setNotes] = useState(appointment.notes ?? '');
  const [allowDoubleBooking, setAllowDoubleBooking] = useState(appointment.allowDoubleBooking);
  const providers = useProviders(appointment.clinicId);
  const services = useServices(appointment.clinicId);
  const update = useUpdateAppointment();
  const isAppointment = appointment.kind === 'appointment';

  const serviceIds = appointment.services.map((service) => service.serviceId);
  const eligible = (providers.data ?? []).filter(
    (provider) => !isAppointment || serviceIds.every((id) => provider.serviceIds.includes(id)),
  );
  const bookedServices = (services.data ?? []).filter((service) => serviceIds.includes(service.id));
  const virtualAllowed = bookedServices.every((service) => service.mode !== 'in_person');
  const inPersonAllowed = bookedServices.every((service) => service.mode !== 'virtual');

  function changes(): UpdateAppointmentRequest {
    const start = zonedInstant(localDate, startMin, zone).toISOString();
    const result: UpdateAppointmentRequest = {};
    if (Date.parse(start) !== Date.parse(appointment.start)) result.start = start;
    if (!isAppointment) {
      const end = zonedInstant(localDate, endMin, zone).toISOString();
      if (Date.parse(end) !== Date.parse(appointment.end)) result.end = end;
      if (title.trim() !== (appointment.title ?? '')) result.title = title.trim();
    }
    if (providerId !== appointment.providerId) result.providerId = providerId;
    if (isAppointment && mode !== appointment.mode) result.mode = mode;
    if (notes.trim() !== (appointment.notes ?? '')) result.notes = notes.trim() === '' ? null : notes.trim();
    if (allowDoubleBooking !== appointment.allowDoubleBooking) result.allowDoubleBooking = allowDoubleBooking;
    return result;
  }

  const problem = isApiProblem(update.error) ? update.error : undefined;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const request = changes();
        if (Object.keys(request).length === 0) return onClose();
        update.mutate(
          { appointmentId: appointment.id, expectedVersion: appointment.version, changes: request },
          {
            onSuccess: (updated) => {
              notifications.show({
                color: 'lagoon',
                title: 'Appointment updated',
                message: 'The changes are saved and recorded in its history.',
              });
              onClose();
              // A new time or provider is news for the patient; a note or visit-type change is not.
              if (request.start !== undefined || request.providerId !== undefined) askToNotifyPatient(updated, 'reschedule');
            },
          },
        );
      }}
    >
      <Stack gap="md">
        {problem && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            role="alert"
            title={
              problem.status === 412 ? 'Someone else changed this appointment' : problem.status === 409 ? 'That time is taken' : 'Not saved'
            }
          >
            {problem.status === 412 ? 'Close this form and open the appointment again to see the latest version.' : problem.detail}
          </Alert>
        )}
        {!isAppointment && <TextInput label="Title" value={title} onChange={(event) => setTitle(event.currentTarget.value)} required />}
        <SimpleGrid cols={isAppointment ? 2 : 3} spacing="sm">
          <DatePickerInput
            label="Date"
            value={localDate}
            minDate={localToday(zone)}
            onChange={(value) => value && setLocalDate(value)}
            valueFormat="ddd, MMM D, YYYY"
            leftSection={<IconCalendar size={16} stroke={1.6} />}
            firstDayOfWeek={1}
            popoverProps={{ withinPortal: true }}
          />
          <Select
            label={isAppointment ? 'Time' : 'From'}
            data={timeOptions}
            value={String(startMin)}
            searchable
            allowDeselect={false}
            onChange={(value) => value !== null && setStartMin(Number(value))}
            comboboxProps={{ withinPortal: true }}
          />
          {!isAppointment && (
            <Select
              label="To"
              data={timeOptions.filter((option) => Number(option.value) > startMin)}
              value={String(endMin)}
              searchable
              allowDeselect={false}
              onChange={(value) => value !== null && setEndMin(Number(value))}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          Times in {zone}.
        </Text>
        <Select
          label="Provider"
          data={eligible.map((provider) => ({ value: provider.id, label: provider.displayName }))}
          value={providerId}
          allowDeselect={false}
          onChange={(value) => value && setProviderId(value)}
          description={
            isAppointment ? 'Providers at this clinic who perform the booked services. The server checks they are free.' : undefined
          }
          comboboxProps={{ withinPortal: true }}
        />
        {isAppointment && (
          <SegmentedControl
            aria-label="In person or virtual"
            value={mode}
            onChange={(value) => setMode(value === 'virtual' ? 'virtual' : 'in_person')}
            data={[
              { value: 'in_person', label: 'In person', disabled: !inPersonAllowed },
              { value: 'virtual', label: 'Virtual', disabled: !virtualAllowed },
            ]}
          />
        )}
        <Textarea
          label={isAppointment ? 'Appointment Notes' : 'Notes'}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Checkbox
          label="Allow Double Booking"
          description="Rooms and equipment are still never double booked."
          checked={allowDoubleBooking}
          onChange={(event) => setAllowDoubleBooking(event.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
