import type { Clinic } from '@glowdesk/contracts';
import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCalendarCheck, IconCalendarPlus } from '@tabler/icons-react';
import type { ApiProblem } from '../../../shared/api/api-problem.ts';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { formatClinicSpan } from '../../appointments/clinic-time.ts';
import {
  bookingProblemDetail,
  bookingProblemTitle,
  NewBookingFields,
  type NewBookingDraft,
  type NewBookingValues,
} from './new-booking-fields.tsx';

/** Step 2's answer: one of the patient's scheduled bookings, or a new booking made with the procedure. */
export type BookingChoice = { kind: 'existing'; appointmentId: string } | { kind: 'new'; booking: NewBookingDraft };

export function bookingLabel(appointment: BookAppointment): string {
  const services = appointment.services.map((service) => service.name).join(', ');
  return `${formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}${services ? ` — ${services}` : ''}`;
}

interface ProcedureBookingStepProps {
  clinics: Clinic[];
  bookings: BookAppointment[];
  bookingsLoading: boolean;
  choice: BookingChoice | null;
  onChoose: (choice: BookingChoice | null) => void;
  creatingNew: boolean;
  onCreatingNew: (creating: boolean) => void;
  newBooking: NewBookingValues;
  onNewBookingChange: (values: NewBookingValues) => void;
  problem: ApiProblem | null;
  onProblem: (problem: ApiProblem | null) => void;
}

/**
 * Step 2 of a new procedure: the patient's scheduled bookings in a dropdown, or a new booking
 * (Location, Service, Duration, Provider, Time Slot → Create Booking).
 */
export function ProcedureBookingStep(props: ProcedureBookingStepProps) {
  const { choice, problem } = props;
  const chosenExisting = choice?.kind === 'existing' ? choice.appointmentId : null;
  return (
    <Stack gap="md">
      {problem && !props.creatingNew && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={bookingProblemTitle(problem)} role="alert">
          {bookingProblemDetail(problem)}
        </Alert>
      )}
      <Select
        label="Scheduled bookings"
        description="The patient’s scheduled bookings. A booking takes one procedure."
        placeholder={
          props.bookingsLoading
            ? 'Loading the patient’s bookings…'
            : props.bookings.length === 0
              ? 'No scheduled bookings'
              : 'Choose a booking'
        }
        data={props.bookings.map((appointment) => ({ value: appointment.id, label: bookingLabel(appointment) }))}
        value={chosenExisting}
        onChange={(appointmentId) => {
          props.onProblem(null);
          props.onCreatingNew(false);
          props.onChoose(appointmentId ? { kind: 'existing', appointmentId } : null);
        }}
        disabled={props.bookings.length === 0}
        leftSection={<IconCalendarCheck size={16} stroke={1.6} />}
        maw={640}
        comboboxProps={{ withinPortal: true }}
      />
      {choice?.kind === 'new' && !props.creatingNew && (
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-lagoon-0)" role="status">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              New booking
            </Text>
            <Text size="sm">{choice.booking.description}</Text>
            <Text size="xs" c="dimmed">
              It is booked through the appointment book together with the procedure, when you press Next at the procedure type.
            </Text>
            <Group gap="xs" mt={4}>
              <Button size="xs" variant="default" onClick={() => props.onCreatingNew(true)}>
                Change
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {props.creatingNew ? (
        <NewBookingFields
          clinics={props.clinics}
          values={props.newBooking}
          onChange={props.onNewBookingChange}
          problem={problem}
          onProblem={props.onProblem}
          onCreate={(booking) => {
            props.onCreatingNew(false);
            props.onChoose({ kind: 'new', booking });
          }}
          onCancel={() => {
            props.onProblem(null);
            props.onCreatingNew(false);
          }}
        />
      ) : (
        choice?.kind !== 'new' && (
          <Group>
            <Button
              variant="light"
              leftSection={<IconCalendarPlus size={16} />}
              onClick={() => {
                props.onProblem(null);
                props.onChoose(null);
                props.onCreatingNew(true);
              }}
            >
              Create a new booking
            </Button>
          </Group>
        )
      )}
    </Stack>
  );
}
