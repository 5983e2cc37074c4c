import { Alert, Button, Group, Paper, Select, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useAppointment } from '../../appointments/api/get-appointment.ts';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { formatClinicSpan } from '../../appointments/clinic-time.ts';
import { useCreateProcedure, useProcedureTypes } from '../api/emr-api.ts';
import { chartPath } from '../emr-paths.ts';

function PatientStep({ appointment }: { appointment: BookAppointment }) {
  const patient = appointment.patient;
  return (
    <Stack gap={2}>
      <Text fw={600}>{patient ? `${patient.firstName} ${patient.lastName}` : 'No patient'}</Text>
      {patient?.dateOfBirth && <Text size="sm">Date of birth {patient.dateOfBirth}</Text>}
      {patient?.email && <Text size="sm">{patient.email}</Text>}
      {patient?.phone && <Text size="sm">{patient.phone}</Text>}
    </Stack>
  );
}

function BookingStep({ appointment }: { appointment: BookAppointment }) {
  return (
    <Select
      label="Booking"
      description="The booking this procedure is attached to."
      data={[
        {
          value: appointment.id,
          label: `${formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)} — ${appointment.services.map((service) => service.name).join(', ')}`,
        },
      ]}
      value={appointment.id}
      readOnly
    />
  );
}

/**
 * Creating a procedure from a booking (the board's Start Procedure): the patient and the
 * booking come filled in from it, so the multi-page view opens at step 3, the procedure type;
 * the single-page view shows the same content on one page.
 */
export function NewProcedurePage() {
  const [params] = useSearchParams();
  const appointmentId = params.get('appointmentId');
  const view = params.get('view') === 'single' ? 'single' : 'multi';
  const appointment = useAppointment(appointmentId);
  const types = useProcedureTypes();
  const create = useCreateProcedure();
  const navigate = useNavigate();
  const [step, setStep] = useState(2);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [typeError, setTypeError] = useState<string | null>(null);

  if (!appointmentId) return <Alert color="red">Open a new procedure from a booking on the EMR board.</Alert>;
  if (appointment.error) return <LoadError what="the booking" error={appointment.error} onRetry={() => void appointment.refetch()} />;
  if (!appointment.data) return <Text c="dimmed">Loading the booking…</Text>;
  const booking = appointment.data;

  function next() {
    if (!typeId) {
      setTypeError('Choose the procedure type.');
      return;
    }
    if (!booking.patientId) return;
    setTypeError(null);
    create.mutate(
      { patientId: booking.patientId, procedureTypeId: typeId, appointmentId: booking.id },
      { onSuccess: (procedure) => void navigate(chartPath(procedure.id), { replace: true }) },
    );
  }

  const typeStep = (
    <Stack gap="sm">
      <Select
        label="Procedure type"
        placeholder="Choose a procedure type"
        data={(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
        value={typeId}
        onChange={(value) => {
          setTypeId(value);
          setTypeError(null);
        }}
        error={typeError}
        maw={420}
      />
      {create.error && (
        <Alert color="red" role="alert">
          {isApiProblem(create.error) ? create.error.detail : 'The procedure could not be created.'}
        </Alert>
      )}
      <Group>
        <Button onClick={next} loading={create.isPending}>
          Next
        </Button>
      </Group>
    </Stack>
  );

  return (
    <Stack gap="lg">
      <PageHeader title="New Procedure" description={view === 'multi' ? 'Multi Page View' : 'Single Page View'} />
      {view === 'multi' ? (
        <Paper withBorder radius="md" p="lg">
          <Stepper active={step} onStepClick={setStep} size="sm">
            <Stepper.Step label="Patient" description="Patient information">
              <PatientStep appointment={booking} />
            </Stepper.Step>
            <Stepper.Step label="Booking" description="Attach a booking">
              <BookingStep appointment={booking} />
            </Stepper.Step>
            <Stepper.Step label="Procedure type" description="Then chart">
              <Text size="sm" c="dimmed" mb="sm">
                {booking.patient ? `${booking.patient.firstName} ${booking.patient.lastName}` : ''} ·{' '}
                {formatClinicSpan(booking.start, booking.end, booking.timeZone)}
              </Text>
              {typeStep}
            </Stepper.Step>
          </Stepper>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="lg">
            <Title order={2} fz="md">
              Patient information
            </Title>
            <PatientStep appointment={booking} />
            <Title order={2} fz="md">
              Booking details
            </Title>
            <BookingStep appointment={booking} />
            <Title order={2} fz="md">
              Procedure
            </Title>
            {typeStep}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
