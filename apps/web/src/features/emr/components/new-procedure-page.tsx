import type { Clinic, CreateProcedureRequest, PatientSummary } from '@glowdesk/contracts';
import { Alert, Button, Group, Paper, Select, Stack, Stepper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import type { BookAppointment } from '../../appointments/api/appointment-schema.ts';
import { useAppointment } from '../../appointments/api/get-appointment.ts';
import { useClinics } from '../../appointments/api/get-clinics.ts';
import { usePatient } from '../../patients/api/get-patient.ts';
import { PatientSearchCombobox } from '../../patients/components/patient-search-combobox.tsx';
import { useCreateProcedure, useProcedureTypes } from '../api/emr-api.ts';
import { usePatientScheduledBookings } from '../api/patient-bookings.ts';
import { chartPath, type ProcedureView } from '../emr-paths.ts';
import { emptyNewBooking, type NewBookingValues } from './new-booking-fields.tsx';
import { bookingLabel, ProcedureBookingStep, type BookingChoice } from './procedure-booking-step.tsx';

const PATIENT_STEP = 0;
const BOOKING_STEP = 1;
const TYPE_STEP = 2;

function PatientDetails({ patient }: { patient: PatientSummary }) {
  return (
    <Stack gap={2}>
      <Text fw={600}>{`${patient.firstName} ${patient.lastName}`}</Text>
      {patient.dateOfBirth && <Text size="sm">Date of birth {patient.dateOfBirth}</Text>}
      {patient.email && <Text size="sm">{patient.email}</Text>}
      {patient.phone && <Text size="sm">{patient.phone}</Text>}
    </Stack>
  );
}

interface ProcedureCreatorProps {
  view: ProcedureView;
  clinics: Clinic[];
  /** The patient from the entry point (a booking or a patient's menu); null: chosen in step 1. */
  entryPatient: PatientSummary | null;
  /** The booking the procedure was started from: steps 1 and 2 are filled in and the view opens at step 3. */
  entryBooking: BookAppointment | null;
}

function ProcedureCreator({ view, clinics, entryPatient, entryBooking }: ProcedureCreatorProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const types = useProcedureTypes();
  const create = useCreateProcedure();
  const [patient, setPatient] = useState<PatientSummary | null>(entryPatient);
  const [step, setStep] = useState(entryBooking ? TYPE_STEP : entryPatient ? BOOKING_STEP : PATIENT_STEP);
  const [choice, setChoice] = useState<BookingChoice | null>(entryBooking ? { kind: 'existing', appointmentId: entryBooking.id } : null);
  const [creatingNew, setCreatingNew] = useState(false);
  const [newBooking, setNewBooking] = useState<NewBookingValues>(() => ({
    ...emptyNewBooking,
    clinicId: clinics.length === 1 ? (clinics[0]?.id ?? null) : null,
  }));
  const [bookingProblem, setBookingProblem] = useState<ApiProblem | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const [typeError, setTypeError] = useState<string | null>(null);
  const [nowMs] = useState(() => Date.now());
  const scheduled = usePatientScheduledBookings(patient?.id ?? null, nowMs);
  const bookings = [...(scheduled.data ?? [])];
  if (entryBooking && !bookings.some((booking) => booking.id === entryBooking.id)) bookings.unshift(entryBooking);
  const chosenBooking = choice?.kind === 'existing' ? bookings.find((booking) => booking.id === choice.appointmentId) : undefined;

  function choosePatient(picked: PatientSummary) {
    setPatient(picked);
    setChoice(null);
    setBookingProblem(null);
    setStepError(null);
  }

  function goTo(target: number) {
    setStepError(null);
    if (target > PATIENT_STEP && !patient) {
      setStepError('Choose the patient.');
      return;
    }
    if (target > BOOKING_STEP && !choice) {
      setStepError(
        creatingNew ? 'Press Create Booking, or choose one of the patient’s bookings.' : 'Choose a booking or create a new one.',
      );
      return;
    }
    setStep(target);
  }

  function submit() {
    setStepError(null);
    if (!patient) return setStepError('Choose the patient.');
    if (!choice) return setStepError('Choose a booking or create a new one.');
    if (!typeId) return setTypeError('Choose the procedure type.');
    const body: CreateProcedureRequest =
      choice.kind === 'existing'
        ? { patientId: patient.id, procedureTypeId: typeId, appointmentId: choice.appointmentId }
        : {
            patientId: patient.id,
            procedureTypeId: typeId,
            newBooking: {
              clinicId: choice.booking.clinicId,
              serviceId: choice.booking.serviceId,
              durationMinutes: choice.booking.durationMinutes,
              providerId: choice.booking.providerId,
              start: choice.booking.start,
            },
          };
    create.mutate(body, {
      onSuccess: (procedure) => void navigate(chartPath(procedure.id), { replace: true }),
      onError: (error) => {
        if (!isApiProblem(error)) return;
        const aboutBooking =
          error.field?.startsWith('newBooking') === true || error.field === 'appointmentId' || error.code === 'booking_conflict';
        if (!aboutBooking) return;
        // The booking was refused (a taken time, a booking with a procedure): back to step 2, saying why.
        setBookingProblem(error);
        if (choice.kind === 'new') {
          setChoice(null);
          setNewBooking((current) => ({ ...current, start: null }));
          setCreatingNew(true);
          void queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.openTimes() });
        } else {
          setChoice(null);
        }
        if (view === 'multi') setStep(BOOKING_STEP);
      },
    });
  }

  const submitProblem =
    create.error && !(isApiProblem(create.error) && bookingProblem === create.error)
      ? isApiProblem(create.error)
        ? create.error.detail
        : 'The procedure could not be created.'
      : null;

  const patientStep = patient ? (
    <Stack gap="sm">
      <PatientDetails patient={patient} />
      {!entryPatient && (
        <Group>
          <Button size="xs" variant="default" onClick={() => setPatient(null)}>
            Choose another patient
          </Button>
        </Group>
      )}
    </Stack>
  ) : (
    <PatientSearchCombobox label="Patient" description="Search by name, email or phone." onPick={choosePatient} />
  );

  const bookingStep = patient ? (
    <ProcedureBookingStep
      clinics={clinics}
      bookings={bookings}
      bookingsLoading={scheduled.isPending}
      choice={choice}
      onChoose={(next) => {
        setChoice(next);
        setStepError(null);
        if (next?.kind === 'new' && view === 'multi') setStep(TYPE_STEP);
      }}
      creatingNew={creatingNew}
      onCreatingNew={setCreatingNew}
      newBooking={newBooking}
      onNewBookingChange={setNewBooking}
      problem={bookingProblem}
      onProblem={setBookingProblem}
    />
  ) : (
    <Text size="sm" c="dimmed">
      Choose the patient first.
    </Text>
  );

  const typeSelect = (
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
      allowDeselect={false}
      maw={420}
      comboboxProps={{ withinPortal: true }}
    />
  );

  const messages = (
    <>
      {stepError && (
        <Text c="red" size="sm" role="alert">
          {stepError}
        </Text>
      )}
      {submitProblem && (
        <Alert color="red" role="alert">
          {submitProblem}
        </Alert>
      )}
    </>
  );

  const bookingSummary =
    choice?.kind === 'new' ? `New booking: ${choice.booking.description}` : chosenBooking ? bookingLabel(chosenBooking) : null;

  if (view === 'single') {
    return (
      <Paper withBorder radius="md" p="lg">
        <Stack gap="lg">
          <Section title="Patient information">{patientStep}</Section>
          <Section title="Booking details">{bookingStep}</Section>
          <Section title="Procedure">{typeSelect}</Section>
          {messages}
          <Group>
            <Button onClick={submit} loading={create.isPending}>
              Next
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="md" p="lg">
      <Stepper active={step} onStepClick={goTo} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="Patient" description="Patient information">
          <Stack gap="md">
            {patientStep}
            {messages}
            <Group>
              <Button onClick={() => goTo(BOOKING_STEP)}>Next</Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Booking" description="Attach or create a booking">
          <Stack gap="md">
            {bookingStep}
            {messages}
            <Group>
              <Button variant="default" onClick={() => goTo(PATIENT_STEP)}>
                Back
              </Button>
              {choice?.kind === 'existing' && <Button onClick={() => goTo(TYPE_STEP)}>Next</Button>}
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Procedure type" description="Then chart">
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {patient ? `${patient.firstName} ${patient.lastName}` : ''}
              {bookingSummary ? ` · ${bookingSummary}` : ''}
            </Text>
            {typeSelect}
            {messages}
            <Group>
              <Button variant="default" onClick={() => goTo(BOOKING_STEP)}>
                Back
              </Button>
              <Button onClick={submit} loading={create.isPending}>
                Next
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Paper>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Title order={2} fz="md">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function FromBooking({ appointmentId, view, clinics }: { appointmentId: string; view: ProcedureView; clinics: Clinic[] }) {
  const appointment = useAppointment(appointmentId);
  if (appointment.error) return <LoadError what="the booking" error={appointment.error} onRetry={() => void appointment.refetch()} />;
  if (!appointment.data) return <Text c="dimmed">Loading the booking…</Text>;
  const booking = appointment.data;
  if (!booking.patient) return <Alert color="red">This booking has no patient: a procedure needs one.</Alert>;
  return <ProcedureCreator view={view} clinics={clinics} entryPatient={booking.patient} entryBooking={booking} />;
}

function FromPatient({ patientId, view, clinics }: { patientId: string; view: ProcedureView; clinics: Clinic[] }) {
  const patient = usePatient(patientId);
  if (patient.error) return <LoadError what="the patient" error={patient.error} onRetry={() => void patient.refetch()} />;
  if (!patient.data) return <Text c="dimmed">Loading the patient…</Text>;
  return <ProcedureCreator view={view} clinics={clinics} entryPatient={patient.data} entryBooking={null} />;
}

/**
 * Creating a procedure, in the Multi Page View (a stepper: patient, booking, procedure type)
 * or the Single Page View (the same on one page). Opened from a booking (the board's Start
 * Procedure, the Bookings tab), steps 1 and 2 are filled in and the multi-page view opens at
 * step 3; from a patient (the Patients tab, the client profile), at step 2.
 */
export function NewProcedurePage() {
  const [params] = useSearchParams();
  const appointmentId = params.get('appointmentId');
  const patientId = params.get('patientId');
  const view: ProcedureView = params.get('view') === 'single' ? 'single' : 'multi';
  const clinics = useClinics();

  let body: ReactNode;
  if (clinics.error) body = <LoadError what="the clinics" error={clinics.error} onRetry={() => void clinics.refetch()} />;
  else if (!clinics.data) body = <Text c="dimmed">Loading…</Text>;
  else if (appointmentId) body = <FromBooking key={appointmentId} appointmentId={appointmentId} view={view} clinics={clinics.data} />;
  else if (patientId) body = <FromPatient key={patientId} patientId={patientId} view={view} clinics={clinics.data} />;
  else body = <ProcedureCreator view={view} clinics={clinics.data} entryPatient={null} entryBooking={null} />;

  return (
    <Stack gap="lg">
      <PageHeader title="New Procedure" description={view === 'multi' ? 'Multi Page View' : 'Single Page View'} />
      {body}
    </Stack>
  );
}
