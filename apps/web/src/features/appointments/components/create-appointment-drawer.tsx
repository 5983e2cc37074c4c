import '@mantine/dates/styles.css';
import type { Clinic, PatientSummary, Service, ServicePackage, VisitMode } from '@glowdesk/contracts';
import { Alert, Button, Checkbox, Drawer, Group, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import { useAddPaymentMethod } from '../../patients/api/add-payment-method.ts';
import { useCreatePatient } from '../../patients/api/create-patient.ts';
import { askToNotifyPatient } from '../../notifications/notification-prompt.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useCreateAppointment } from '../api/create-appointment.ts';
import { useServicePackages, useServices } from '../api/get-services.ts';
import { formatClinicTime, formatLocalDate, localToday, wallClockOf, zonedInstant } from '../clinic-time.ts';
import { CardFields } from './booking/booking-card-fields.tsx';
import {
  bookingFormSchema,
  chosenServiceIdsOf,
  formPathOf,
  hasServicesChosen,
  initialBookingValues,
  toCreateRequest,
  typedNewPatient,
  type BookingDraft,
  type BookingFormValues,
} from './booking/booking-form-values.ts';
import { PatientFields } from './booking/booking-patient-fields.tsx';
import { ClinicField, ServiceFields, VisitModeField, modesAllowed } from './booking/booking-service-fields.tsx';
import { ProviderField, TimeFields } from './booking/booking-time-fields.tsx';
import { OpenTimes } from './booking/open-times.tsx';
import { useProviderChoices } from './booking/use-provider-choices.ts';

export type { BookingDraft } from './booking/booking-form-values.ts';

interface CreateAppointmentDrawerProps {
  draft: BookingDraft | null;
  clinics: Clinic[];
  onClose: () => void;
  onBooked: (appointment: BookAppointment) => void;
}

export function CreateAppointmentDrawer({ draft, clinics, onClose, onBooked }: CreateAppointmentDrawerProps) {
  // On a phone the form takes the whole screen, so nothing (the close button included) is cut off.
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Drawer
      opened={draft !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 560}
      title={
        <Title order={2} fz={20}>
          {draft?.findATime ? 'Find a time' : 'New appointment'}
        </Title>
      }
      padding={phone ? 'md' : 'lg'}
      closeOnClickOutside={false}
    >
      {draft && <BookingForm key={JSON.stringify(draft)} draft={draft} clinics={clinics} onClose={onClose} onBooked={onBooked} />}
    </Drawer>
  );
}

interface BookingFormProps {
  draft: BookingDraft;
  clinics: Clinic[];
  onClose: () => void;
  onBooked: (appointment: BookAppointment) => void;
}

function conflictTitleOf(problem: ApiProblem): string {
  if (problem.code === 'booking_conflict') return 'That time is taken';
  if (problem.code === 'outside_working_hours') return 'Outside working hours';
  return problem.status === 409 ? 'This booking cannot be made' : 'The booking was not saved';
}

function BookingForm({ draft, clinics, onClose, onBooked }: BookingFormProps) {
  const timeZoneOf = (clinicId: string) => clinics.find((candidate) => candidate.id === clinicId)?.timezone ?? 'UTC';
  const form = useForm<BookingFormValues>({
    initialValues: initialBookingValues(draft),
    validate: (values) => schemaResolver(bookingFormSchema(localToday(timeZoneOf(values.clinicId))), { sync: true })(values),
  });
  const [formProblem, setFormProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const values = form.values;
  const { kind, clinicId } = values;
  const clinic = clinics.find((candidate) => candidate.id === clinicId);
  const timeZone = clinic?.timezone ?? 'UTC';
  const today = localToday(timeZone);
  const services = useServices(clinicId);
  const packages = useServicePackages();
  const createAppointment = useCreateAppointment();
  const createPatient = useCreatePatient();
  const addPaymentMethod = useAddPaymentMethod();

  const serviceById = useMemo(() => new Map((services.data ?? []).map((service) => [service.id, service])), [services.data]);
  const chosenPackage: ServicePackage | undefined = packages.data?.find((bundle) => bundle.id === values.packageId);
  const chosenServiceIds = chosenServiceIdsOf(values, chosenPackage?.serviceIds);
  const chosenServices = chosenServiceIds.map((id) => serviceById.get(id)).filter((service): service is Service => service !== undefined);
  const allowedModes = modesAllowed(chosenServices);
  const mode: VisitMode = allowedModes.has(values.mode) ? values.mode : allowedModes.has('virtual') ? 'virtual' : 'in_person';
  const packagesHere = (packages.data ?? []).filter((bundle) => bundle.serviceIds.every((id) => serviceById.has(id)));
  const hasServices = hasServicesChosen(values);
  const visitMinutes = chosenServices.reduce((total, service) => total + service.durationMinutes, 0);
  const start = values.startMin !== null ? zonedInstant(values.localDate, values.startMin, timeZone).toISOString() : undefined;
  const packageId = values.serviceChoice === 'package' ? (values.packageId ?? undefined) : undefined;

  const providers = useProviderChoices({
    kind,
    clinicId,
    timeZone,
    localDate: values.localDate,
    startMin: values.startMin,
    start,
    serviceIds: chosenServiceIds,
    packageId,
    hasServices,
    mode,
    allowDoubleBooking: values.allowDoubleBooking,
    visitMinutes: visitMinutes + (chosenServices.at(-1)?.bufferAfterMinutes ?? 0),
    providerId: values.providerId,
  });

  function pickPatient(picked: PatientSummary) {
    form.setValues({ patient: picked, card: { source: 'new', entered: null } });
    for (const path of ['patient', 'newPatient.firstName', 'newPatient.lastName', 'newPatient.email', 'newPatient.phone']) {
      form.clearFieldError(path);
    }
  }

  function showProblem(problem: ApiProblem) {
    const errors: Record<string, string> = {};
    for (const listed of problem.errors) {
      const path = formPathOf(listed.field);
      if (path && !errors[path]) errors[path] = listed.message;
    }
    const main = problem.field ? formPathOf(problem.field) : undefined;
    if (problem.status === 409) setFormProblem(problem);
    else if (main && !errors[main]) {
      errors[main] = problem.detail;
      if (main === 'startMin' && kind === 'appointment') setFormProblem(problem);
    } else if (Object.keys(errors).length === 0) setFormProblem(problem);
    form.setErrors(errors);
  }

  async function save(valid: BookingFormValues) {
    if (saving) return;
    setFormProblem(null);
    setSaving(true);
    try {
      let patientId = valid.patient?.id;
      let paymentMethodId: string | undefined;
      if (valid.kind === 'appointment' && valid.enterCard) {
        // A card belongs to a saved patient: save the new patient first, then the card.
        if (!patientId) {
          const created = await createPatient.mutateAsync(typedNewPatient(valid));
          patientId = created.id;
          form.setFieldValue('patient', created);
        }
        if (valid.card.source === 'saved') paymentMethodId = valid.card.paymentMethodId;
        else if (valid.card.entered) {
          const saved = await addPaymentMethod.mutateAsync({ patientId, gatewayToken: valid.card.entered.token });
          paymentMethodId = saved.id;
          form.setFieldValue('card', { source: 'saved', paymentMethodId: saved.id });
        }
      }
      const request = toCreateRequest(valid, { timeZone, mode, serviceIds: chosenServiceIds, patientId, paymentMethodId });
      // The same booking keeps its key across double clicks and retries; a changed one gets a new key.
      const body = JSON.stringify(request);
      if (idempotency.current?.body !== body) idempotency.current = { body, key: crypto.randomUUID() };
      const appointment = await createAppointment.mutateAsync({ request, idempotencyKey: idempotency.current.key });
      const provider = providers.clinicProviders.find((candidate) => candidate.id === appointment.providerId);
      const when = `${formatLocalDate(wallClockOf(appointment.start, timeZone).localDate, 'short')} at ${formatClinicTime(appointment.start, timeZone)}`;
      notifications.show({
        color: 'lagoon',
        title: appointment.kind === 'out_of_office' ? 'Out of office added' : 'Appointment booked',
        message:
          appointment.kind === 'out_of_office'
            ? `${appointment.title ?? 'Out of office'} for ${provider?.displayName ?? 'the provider'}, ${when}.`
            : `${appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : 'The patient'} with ${provider?.displayName ?? 'the provider'}, ${when}.`,
      });
      onBooked(appointment);
      onClose();
      // The reference's pop-up: send the confirmation by email, SMS, both, or not at all.
      askToNotifyPatient(appointment, 'confirmation');
    } catch (error) {
      if (isApiProblem(error)) showProblem(error);
      else throw error;
    } finally {
      setSaving(false);
    }
  }

  // Finding a time shows the rest of the form once a time is picked.
  const showsBookingFields = !draft.findATime || values.startMin !== null;
  const openTimes =
    kind === 'appointment' && hasServices && chosenServiceIds.length > 0 ? (
      <OpenTimes
        key={`${clinicId}-${chosenServiceIds.join(',')}-${packageId ?? ''}-${mode}`}
        clinicId={clinicId}
        timeZone={timeZone}
        today={today}
        serviceIds={chosenServiceIds}
        packageId={packageId}
        mode={mode}
        providers={providers.eligible}
        initialProviderId={draft.providerId ?? null}
        initialFromDate={draft.localDate}
        withFilters={draft.findATime === true}
        selected={{ localDate: values.localDate, startMin: values.startMin, providerId: values.providerId }}
        onPick={(time) => {
          form.setValues({ localDate: time.localDate, startMin: time.startMin, providerId: time.providerId });
          form.clearFieldError('startMin');
          form.clearFieldError('providerId');
          form.clearFieldError('localDate');
          setFormProblem(null);
        }}
      />
    ) : null;

  return (
    <form
      onSubmit={(event) =>
        form.onSubmit(
          (valid) => void save(valid),
          () => setFormProblem(null),
        )(event)
      }
      noValidate
      aria-label={draft.findATime ? 'Find a time' : 'New appointment'}
    >
      <Stack gap="md">
        {formProblem && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            title={conflictTitleOf(formProblem)}
            role="alert"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setFormProblem(null)}
          >
            {formProblem.detail}
          </Alert>
        )}
        {!draft.findATime && (
          <SegmentedControl
            aria-label="Appointment or out of office"
            fullWidth
            value={kind}
            onChange={(value) => {
              form.setFieldValue('kind', value === 'out_of_office' ? 'out_of_office' : 'appointment');
              form.clearErrors();
              setFormProblem(null);
            }}
            data={[
              { value: 'appointment', label: 'Appointment' },
              { value: 'out_of_office', label: 'Out of office' },
            ]}
          />
        )}
        {kind === 'appointment' && <VisitModeField form={form} mode={mode} allowedModes={allowedModes} />}
        <ClinicField form={form} clinics={clinics} />
        {kind === 'appointment' && (
          <ServiceFields
            form={form}
            services={services.data}
            packages={packagesHere}
            chosenPackage={chosenPackage}
            chosenServices={chosenServices}
            visitMinutes={visitMinutes}
          />
        )}
        {kind === 'out_of_office' && (
          <TextInput label="Title" required placeholder="Lunch, training, personal time…" {...form.getInputProps('title')} />
        )}
        {openTimes}
        {draft.findATime && !openTimes && (
          <Text size="sm" c="dimmed">
            Choose the services the client asks for: their open times appear here, soonest first.
          </Text>
        )}
        {showsBookingFields && (
          <>
            <TimeFields form={form} today={today} clinicLabel={clinic ? `Times at ${clinic.name} (${timeZone}).` : null} />
            <ProviderField form={form} providers={providers} hasServicesAndTime={hasServices && start !== undefined} />
            {kind === 'appointment' && (
              <PatientFields
                form={form}
                onPick={pickPatient}
                onClear={() => form.setValues({ patient: null, card: { source: 'new', entered: null } })}
              />
            )}
            <Textarea
              label={kind === 'appointment' ? 'Appointment Notes' : 'Notes'}
              placeholder={kind === 'appointment' ? 'Special requests, reminders, or how the patient confirmed' : undefined}
              autosize
              minRows={2}
              maxRows={6}
              {...form.getInputProps('notes')}
            />
            <Checkbox
              label="Allow Double Booking"
              description="Lets this booking overlap the provider’s other appointments. Rooms and equipment are still never double booked."
              checked={values.allowDoubleBooking}
              onChange={(event) => {
                form.setFieldValue('allowDoubleBooking', event.currentTarget.checked);
                form.clearFieldError('providerId');
                setFormProblem(null);
              }}
            />
            {kind === 'appointment' && <CardFields form={form} />}
          </>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          {showsBookingFields && (
            <Button type="submit" loading={saving}>
              Save
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
