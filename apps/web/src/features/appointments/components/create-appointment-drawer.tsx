import '@mantine/dates/styles.css';
import type { Clinic, CreateAppointmentRequest, PatientSummary, Provider, Service, ServicePackage, VisitMode } from '@glowdesk/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar, IconCreditCard, IconPlus, IconTrash, IconUserCheck, IconX } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { isApiProblem, type ApiProblem } from '../../../shared/api/api-problem.ts';
import { useAddPaymentMethod } from '../../patients/api/add-payment-method.ts';
import { useDuplicatePatients } from '../../patients/api/check-duplicate-patients.ts';
import { useCreatePatient } from '../../patients/api/create-patient.ts';
import { usePaymentMethods } from '../../patients/api/get-payment-methods.ts';
import { DuplicateWarning } from '../../patients/components/duplicate-warning.tsx';
import { PatientSearchCombobox } from '../../patients/components/patient-search-combobox.tsx';
import { askToNotifyPatient } from '../../notifications/notification-prompt.ts';
import { formatPhone, toE164 } from '../../patients/format-phone.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useCreateAppointment } from '../api/create-appointment.ts';
import { useAvailableProviders } from '../api/get-available-providers.ts';
import { useProviderSchedules } from '../api/get-provider-schedules.ts';
import { useProviders } from '../api/get-providers.ts';
import { useServicePackages, useServices } from '../api/get-services.ts';
import {
  addDays,
  formatClinicTime,
  formatLocalDate,
  formatMinutes,
  localDatesToRange,
  localToday,
  wallClockOf,
  zonedInstant,
} from '../clinic-time.ts';
import { brandName } from '../../../shared/format/card-label.ts';
import { CardEntryFrame, type GatewayCard } from './card-entry-frame.tsx';
import { describeBirthDate } from '../../../shared/format/person-dates.ts';

/** Where the form opens: a clicked slot fills in the provider, date and time. */
export interface BookingDraft {
  clinicId: string;
  providerId?: string | undefined;
  localDate: string;
  startMin?: number | undefined;
}

type Kind = 'appointment' | 'out_of_office';
type Field =
  | 'kind'
  | 'mode'
  | 'clinicId'
  | 'services'
  | 'date'
  | 'start'
  | 'end'
  | 'providerId'
  | 'title'
  | 'patient'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'notes'
  | 'card';
type FieldErrors = Partial<Record<Field, string>>;

const timeOptions = Array.from({ length: 96 }, (_, index) => ({ value: String(index * 15), label: formatMinutes(index * 15) }));

/** Where a server problem's `field` belongs on this form. */
function formFieldOf(serverField: string): Field | undefined {
  if (serverField === 'start') return 'start';
  if (serverField === 'end') return 'end';
  if (serverField === 'providerId') return 'providerId';
  if (serverField === 'clinicId') return 'clinicId';
  if (serverField === 'mode') return 'mode';
  if (serverField === 'title') return 'title';
  if (serverField === 'notes') return 'notes';
  if (serverField.startsWith('serviceIds') || serverField === 'packageId') return 'services';
  if (serverField === 'patientId' || serverField === 'newPatient') return 'patient';
  if (serverField.startsWith('newPatient.')) {
    const inner = serverField.slice('newPatient.'.length);
    if (inner === 'firstName' || inner === 'lastName' || inner === 'email' || inner === 'phone') return inner;
    return 'patient';
  }
  if (serverField === 'paymentMethodId' || serverField === 'requireCardOnFile' || serverField === 'gatewayToken') return 'card';
  return undefined;
}

function modesAllowed(services: Service[]): Set<VisitMode> {
  const allowed = new Set<VisitMode>(['in_person', 'virtual']);
  for (const service of services) {
    if (service.mode === 'in_person') allowed.delete('virtual');
    if (service.mode === 'virtual') allowed.delete('in_person');
  }
  return allowed;
}

function serviceOptions(services: Service[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const service of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = service.category ?? 'Other';
    const list = groups.get(group) ?? [];
    list.push({ value: service.id, label: `${service.name} · ${service.durationMinutes} min` });
    groups.set(group, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));
}

type CardChoice = { source: 'saved'; paymentMethodId: string } | { source: 'new'; entered: GatewayCard | null };

interface CreateAppointmentDrawerProps {
  draft: BookingDraft | null;
  clinics: Clinic[];
  onClose: () => void;
  onBooked: (appointment: BookAppointment) => void;
}

export function CreateAppointmentDrawer({ draft, clinics, onClose, onBooked }: CreateAppointmentDrawerProps) {
  return (
    <Drawer
      opened={draft !== null}
      onClose={onClose}
      position="right"
      size={560}
      title={
        <Title order={2} fz={20}>
          New appointment
        </Title>
      }
      padding="lg"
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

function BookingForm({ draft, clinics, onClose, onBooked }: BookingFormProps) {
  const [kind, setKind] = useState<Kind>('appointment');
  const [chosenMode, setChosenMode] = useState<VisitMode>('in_person');
  const [clinicId, setClinicId] = useState(draft.clinicId);
  const [serviceChoice, setServiceChoice] = useState<'services' | 'package'>('services');
  const [serviceIds, setServiceIds] = useState<(string | null)[]>([null]);
  const [packageId, setPackageId] = useState<string | null>(null);
  const [localDate, setLocalDate] = useState(draft.localDate);
  const [startMin, setStartMin] = useState<number | null>(draft.startMin ?? null);
  const [endMin, setEndMin] = useState<number | null>(draft.startMin !== undefined ? draft.startMin + 60 : null);
  const [providerId, setProviderId] = useState<string | null>(draft.providerId ?? null);
  const [title, setTitle] = useState('');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [newPatient, setNewPatient] = useState({ firstName: '', lastName: '', email: '', phone: '' });
  const [notes, setNotes] = useState('');
  const [allowDoubleBooking, setAllowDoubleBooking] = useState(false);
  const [enterCard, setEnterCard] = useState(false);
  const [cardChoice, setCardChoice] = useState<CardChoice>({ source: 'new', entered: null });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formProblem, setFormProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const clinic = clinics.find((candidate) => candidate.id === clinicId);
  const timeZone = clinic?.timezone ?? 'UTC';
  const today = localToday(timeZone);
  const services = useServices(clinicId);
  const packages = useServicePackages();
  const clinicProviders = useProviders(clinicId);
  const createAppointment = useCreateAppointment();
  const createPatient = useCreatePatient();
  const addPaymentMethod = useAddPaymentMethod();
  const savedCards = usePaymentMethods(kind === 'appointment' && enterCard && patient ? patient.id : undefined);

  const serviceById = useMemo(() => new Map((services.data ?? []).map((service) => [service.id, service])), [services.data]);
  const chosenPackage: ServicePackage | undefined = packages.data?.find((bundle) => bundle.id === packageId);
  const chosenServiceIds =
    serviceChoice === 'package' ? (chosenPackage?.serviceIds ?? []) : serviceIds.filter((id): id is string => id !== null);
  const chosenServices = chosenServiceIds.map((id) => serviceById.get(id)).filter((service): service is Service => service !== undefined);
  const allowedModes = modesAllowed(chosenServices);
  const mode: VisitMode = allowedModes.has(chosenMode) ? chosenMode : allowedModes.has('virtual') ? 'virtual' : 'in_person';
  const packagesHere = (packages.data ?? []).filter((bundle) => bundle.serviceIds.every((id) => serviceById.has(id)));

  const start = startMin !== null ? zonedInstant(localDate, startMin, timeZone).toISOString() : undefined;
  const hasServices = serviceChoice === 'package' ? packageId !== null : chosenServiceIds.length > 0;
  const visitMinutes = chosenServices.reduce((total, service) => total + service.durationMinutes, 0);
  const lastBufferAfter = chosenServices.at(-1)?.bufferAfterMinutes ?? 0;

  // "Only unoccupied providers will show up on this list."
  const available = useAvailableProviders(
    kind === 'appointment' && hasServices && start && !allowDoubleBooking
      ? {
          clinicId,
          serviceIds: serviceChoice === 'services' ? chosenServiceIds : undefined,
          packageId: serviceChoice === 'package' ? (packageId ?? undefined) : undefined,
          mode,
          start,
        }
      : undefined,
  );
  // With "Allow double booking": everyone eligible whose hours cover the visit.
  const eligible = (clinicProviders.data ?? []).filter((provider) =>
    kind === 'out_of_office' ? true : chosenServiceIds.every((serviceId) => provider.serviceIds.includes(serviceId)),
  );
  const dayWindow = { clinicId, ...localDatesToRange(localDate, addDays(localDate, 1), timeZone) };
  const schedules = useProviderSchedules(
    eligible.map((provider) => provider.id),
    kind === 'out_of_office' || allowDoubleBooking ? dayWindow : undefined,
  );

  let providerChoices: { provider: Pick<Provider, 'id' | 'displayName' | 'title'> }[] = [];
  if (kind === 'out_of_office') providerChoices = eligible.map((provider) => ({ provider }));
  else if (hasServices && start && allowDoubleBooking) {
    const visitStart = Date.parse(start);
    const visitEnd = visitStart + (visitMinutes + lastBufferAfter) * 60_000;
    providerChoices = eligible
      .filter((provider) =>
        (schedules.byProvider.get(provider.id) ?? []).some(
          (interval) => Date.parse(interval.start) <= visitStart && Date.parse(interval.end) >= visitEnd,
        ),
      )
      .map((provider) => ({ provider }));
  } else if (hasServices && start) providerChoices = (available.data?.items ?? []).map((provider) => ({ provider }));

  const providerListed = providerId === null || providerChoices.some((choice) => choice.provider.id === providerId);
  const prefilledProvider = (clinicProviders.data ?? []).find((provider) => provider.id === providerId);
  const providerLoading =
    kind === 'appointment' && hasServices && start !== undefined && (allowDoubleBooking ? false : available.isFetching);

  let providerHint: string | undefined;
  if (kind === 'appointment' && (!hasServices || !start)) providerHint = 'Choose services and a time to see who is free.';
  else if (kind === 'appointment' && !providerLoading && providerChoices.length === 0)
    providerHint = allowDoubleBooking
      ? 'Nobody who performs these services is working then.'
      : 'Nobody is free then. Try another time, or tick "Allow double booking".';
  else if (kind === 'appointment')
    providerHint = allowDoubleBooking
      ? 'Everyone working then who performs these services.'
      : 'Only providers free for the whole visit are listed.';

  const providerError =
    fieldErrors.providerId ??
    (!providerListed && !providerLoading && kind === 'appointment' && hasServices && start && prefilledProvider
      ? `${prefilledProvider.displayName} is not free for this visit at ${formatMinutes(startMin ?? 0)}. Choose another provider${allowDoubleBooking ? '' : ', or tick "Allow double booking"'}.`
      : undefined);

  const [debouncedNewPatient] = useDebouncedValue(newPatient, 400);
  const duplicates = useDuplicatePatients(
    { ...debouncedNewPatient, phone: toE164(debouncedNewPatient.phone) ?? '' },
    { enabled: kind === 'appointment' && patient === null },
  );

  function clearError(...fields: Field[]) {
    setFieldErrors((current) => {
      const next: FieldErrors = {};
      for (const [field, message] of Object.entries(current) as [Field, string][]) if (!fields.includes(field)) next[field] = message;
      return next;
    });
  }

  const onCard = useCallback((entered: GatewayCard) => setCardChoice({ source: 'new', entered }), []);

  function pickPatient(picked: PatientSummary) {
    setPatient(picked);
    setCardChoice({ source: 'new', entered: null });
    clearError('patient', 'firstName', 'lastName', 'email', 'phone');
  }

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!clinic) errors.clinicId = 'Choose a clinic.';
    if (startMin === null) errors.start = 'Choose a time.';
    if (localDate < today) errors.date = `Choose today (${formatLocalDate(today, 'short')}) or later.`;
    if (!providerId) errors.providerId = 'Choose a provider.';
    if (kind === 'out_of_office') {
      if (!title.trim()) errors.title = 'Give the block a title, e.g. "Lunch" or "Training".';
      if (endMin === null) errors.end = 'Choose an end time.';
      else if (startMin !== null && endMin <= startMin) errors.end = 'The end must be after the start.';
      return errors;
    }
    if (!hasServices) errors.services = serviceChoice === 'package' ? 'Choose a package.' : 'Choose at least one service.';
    if (!patient) {
      if (!newPatient.firstName.trim()) errors.firstName = 'Enter the first name, or find an existing patient above.';
      if (!newPatient.lastName.trim()) errors.lastName = 'Enter the last name.';
      if (newPatient.phone.trim() && !toE164(newPatient.phone))
        errors.phone = 'Enter a full phone number, e.g. (212) 555-0123 or +44 20 7946 0958.';
      if (newPatient.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newPatient.email.trim()))
        errors.email = 'Enter a valid email address.';
    }
    if (enterCard) {
      if (cardChoice.source === 'new' && !cardChoice.entered)
        errors.card = 'Enter the card in the form above and press "Use this card", or choose a saved card.';
    }
    return errors;
  }

  function showProblem(problem: ApiProblem) {
    const errors: FieldErrors = {};
    for (const listed of problem.errors) {
      const field = formFieldOf(listed.field);
      if (field && !errors[field]) errors[field] = listed.message;
    }
    const main = problem.field ? formFieldOf(problem.field) : undefined;
    if (problem.status === 409) {
      setFormProblem(problem);
    } else if (main && !errors[main]) {
      errors[main] = problem.detail;
      if (main === 'start' && kind === 'appointment') setFormProblem(problem);
    } else if (Object.keys(errors).length === 0) {
      setFormProblem(problem);
    }
    setFieldErrors(errors);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setFormProblem(null);
    const errors = validate();
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || startMin === null || !providerId) return;

    setSaving(true);
    try {
      let request: CreateAppointmentRequest;
      if (kind === 'out_of_office') {
        request = {
          kind: 'out_of_office',
          clinicId,
          providerId,
          start: zonedInstant(localDate, startMin, timeZone).toISOString(),
          end: zonedInstant(localDate, endMin ?? startMin + 60, timeZone).toISOString(),
          title: title.trim(),
          allowDoubleBooking,
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        };
      } else {
        let patientId = patient?.id;
        const typedPatient = {
          firstName: newPatient.firstName.trim(),
          lastName: newPatient.lastName.trim(),
          ...(newPatient.email.trim() ? { email: newPatient.email.trim() } : {}),
          ...(toE164(newPatient.phone) ? { phone: toE164(newPatient.phone) } : {}),
        };
        let paymentMethodId: string | undefined;
        if (enterCard) {
          // A card belongs to a saved patient: save the new patient first, then the card.
          if (!patientId) {
            const created = await createPatient.mutateAsync(typedPatient);
            patientId = created.id;
            setPatient(created);
          }
          if (cardChoice.source === 'saved') paymentMethodId = cardChoice.paymentMethodId;
          else if (cardChoice.entered) {
            const saved = await addPaymentMethod.mutateAsync({ patientId, gatewayToken: cardChoice.entered.token });
            paymentMethodId = saved.id;
            setCardChoice({ source: 'saved', paymentMethodId: saved.id });
          }
        }
        request = {
          kind: 'appointment',
          mode,
          clinicId,
          providerId,
          ...(serviceChoice === 'package' && packageId ? { packageId } : { serviceIds: chosenServiceIds }),
          start: zonedInstant(localDate, startMin, timeZone).toISOString(),
          ...(patientId ? { patientId } : { newPatient: typedPatient }),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
          allowDoubleBooking,
          requireCardOnFile: enterCard,
          ...(paymentMethodId ? { paymentMethodId } : {}),
        };
      }
      // The same booking keeps its key across double clicks and retries; a changed one gets a new key.
      const body = JSON.stringify(request);
      if (idempotency.current?.body !== body) idempotency.current = { body, key: crypto.randomUUID() };
      const appointment = await createAppointment.mutateAsync({ request, idempotencyKey: idempotency.current.key });
      const provider = (clinicProviders.data ?? []).find((candidate) => candidate.id === appointment.providerId);
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

  const cards = savedCards.data ?? [];
  const conflictTitle =
    formProblem?.code === 'booking_conflict'
      ? 'That time is taken'
      : formProblem?.code === 'outside_working_hours'
        ? 'Outside working hours'
        : formProblem?.status === 409
          ? 'This booking cannot be made'
          : 'The booking was not saved';

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="New appointment">
      <Stack gap="md">
        {formProblem && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            title={conflictTitle}
            role="alert"
            withCloseButton
            onClose={() => setFormProblem(null)}
          >
            {formProblem.detail}
          </Alert>
        )}
        <SegmentedControl
          aria-label="Appointment or out of office"
          fullWidth
          value={kind}
          onChange={(value) => {
            setKind(value === 'out_of_office' ? 'out_of_office' : 'appointment');
            setFieldErrors({});
            setFormProblem(null);
          }}
          data={[
            { value: 'appointment', label: 'Appointment' },
            { value: 'out_of_office', label: 'Out of office' },
          ]}
        />
        {kind === 'appointment' && (
          <div>
            <Text size="sm" fw={500} mb={4} id="visit-mode-label">
              In person or virtual
            </Text>
            <SegmentedControl
              aria-labelledby="visit-mode-label"
              fullWidth
              value={mode}
              onChange={(value) => setChosenMode(value === 'virtual' ? 'virtual' : 'in_person')}
              data={[
                { value: 'in_person', label: 'In person', disabled: !allowedModes.has('in_person') },
                { value: 'virtual', label: 'Virtual', disabled: !allowedModes.has('virtual') },
              ]}
            />
            <Text size="xs" c={fieldErrors.mode ? 'red' : 'dimmed'} mt={4}>
              {fieldErrors.mode ??
                (allowedModes.has('virtual') && allowedModes.has('in_person')
                  ? 'Every chosen service can be done in person or by video.'
                  : allowedModes.has('virtual')
                    ? 'These services are virtual only; the provider’s video room link is sent with the booking.'
                    : 'Virtual is available only when every chosen service allows it.')}
            </Text>
          </div>
        )}
        <Select
          label="Clinic"
          required
          data={clinics.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          value={clinicId}
          onChange={(value) => {
            if (!value) return;
            setClinicId(value);
            setServiceIds([null]);
            setPackageId(null);
            setProviderId(null);
          }}
          allowDeselect={false}
          error={fieldErrors.clinicId}
          comboboxProps={{ withinPortal: true }}
        />
        {kind === 'appointment' && (
          <Stack gap={6}>
            <Group justify="space-between" align="flex-end">
              <Text size="sm" fw={500} id="services-label">
                Services <span style={{ color: 'var(--mantine-color-error)' }}>*</span>
              </Text>
              <SegmentedControl
                size="xs"
                aria-label="Book services or a package"
                value={serviceChoice}
                onChange={(value) => {
                  setServiceChoice(value === 'package' ? 'package' : 'services');
                  clearError('services');
                }}
                data={[
                  { value: 'services', label: 'Services' },
                  { value: 'package', label: 'Package' },
                ]}
              />
            </Group>
            {serviceChoice === 'services' ? (
              <>
                {serviceIds.map((serviceId, index) => (
                  <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
                    <Select
                      aria-label={index === 0 ? 'Service' : `Service ${index + 1}`}
                      placeholder={services.isPending ? 'Loading services…' : 'Choose a service'}
                      data={serviceOptions(services.data ?? [])}
                      value={serviceId}
                      searchable
                      nothingFoundMessage="No service by that name at this clinic"
                      onChange={(value) => {
                        setServiceIds((current) => current.map((id, position) => (position === index ? value : id)));
                        clearError('services', 'providerId');
                        setFormProblem(null);
                      }}
                      error={index === serviceIds.length - 1 ? fieldErrors.services : undefined}
                      style={{ flex: 1 }}
                      comboboxProps={{ withinPortal: true }}
                    />
                    {serviceIds.length > 1 && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size={36}
                        aria-label={`Remove service ${index + 1}`}
                        onClick={() => setServiceIds((current) => current.filter((_, position) => position !== index))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {serviceIds.length < 10 && (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    ta="left"
                    onClick={() => setServiceIds((current) => [...current, null])}
                  >
                    <Group gap={4} component="span">
                      <IconPlus size={14} /> Add another service
                    </Group>
                  </Anchor>
                )}
                {chosenServices.length > 1 && (
                  <Text size="xs" c="dimmed">
                    Booked back to back: {visitMinutes} minutes in all.
                  </Text>
                )}
              </>
            ) : (
              <Select
                aria-label="Package"
                placeholder="Choose a package"
                data={packagesHere.map((bundle) => ({ value: bundle.id, label: bundle.name }))}
                value={packageId}
                onChange={(value) => {
                  setPackageId(value);
                  clearError('services', 'providerId');
                }}
                nothingFoundMessage="No packages at this clinic"
                error={fieldErrors.services}
                description={chosenPackage ? chosenServices.map((service) => service.name).join(' → ') : undefined}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          </Stack>
        )}
        {kind === 'out_of_office' && (
          <TextInput
            label="Title"
            required
            placeholder="Lunch, training, personal time…"
            value={title}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
              clearError('title');
            }}
            error={fieldErrors.title}
          />
        )}
        <SimpleGrid cols={kind === 'out_of_office' ? 3 : 2} spacing="sm">
          <DatePickerInput
            label="Date"
            required
            value={localDate}
            minDate={today}
            onChange={(value) => {
              if (value) setLocalDate(value);
              clearError('date', 'start', 'providerId');
              setFormProblem(null);
            }}
            valueFormat={kind === 'out_of_office' ? 'MMM D, YYYY' : 'ddd, MMM D, YYYY'}
            leftSection={<IconCalendar size={16} stroke={1.6} />}
            firstDayOfWeek={1}
            error={fieldErrors.date}
            popoverProps={{ withinPortal: true }}
          />
          <Select
            label={kind === 'out_of_office' ? 'From' : 'Time'}
            required
            placeholder="Choose"
            data={timeOptions}
            value={startMin === null ? null : String(startMin)}
            searchable
            onChange={(value) => {
              const minutes = value === null ? null : Number(value);
              setStartMin(minutes);
              if (minutes !== null && (endMin === null || endMin <= minutes)) setEndMin(minutes + 60);
              clearError('start', 'providerId');
              setFormProblem(null);
            }}
            error={fieldErrors.start}
            comboboxProps={{ withinPortal: true }}
          />
          {kind === 'out_of_office' && (
            <Select
              label="To"
              required
              placeholder="Choose"
              data={timeOptions.filter((option) => startMin === null || Number(option.value) > startMin)}
              value={endMin === null ? null : String(endMin)}
              searchable
              onChange={(value) => {
                setEndMin(value === null ? null : Number(value));
                clearError('end');
              }}
              error={fieldErrors.end}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          {clinic ? `Times at ${clinic.name} (${timeZone}).` : null}
        </Text>
        <Select
          label="Provider"
          required
          placeholder={providerLoading ? 'Finding who is free…' : 'Choose a provider'}
          data={[
            ...providerChoices.map((choice) => ({
              value: choice.provider.id,
              label: `${choice.provider.displayName}${choice.provider.title ? `, ${choice.provider.title}` : ''}`,
            })),
            // Keep a prefilled provider visible (with the reason below) instead of silently dropping it.
            ...(!providerListed && prefilledProvider
              ? [{ value: prefilledProvider.id, label: `${prefilledProvider.displayName} (not free)` }]
              : []),
          ]}
          value={providerId}
          onChange={(value) => {
            setProviderId(value);
            clearError('providerId');
            setFormProblem(null);
          }}
          description={providerError ? undefined : providerHint}
          error={providerError}
          disabled={kind === 'appointment' && (!hasServices || !start)}
          nothingFoundMessage="Nobody is free then"
          comboboxProps={{ withinPortal: true }}
        />
        {kind === 'appointment' && (
          <>
            <Divider label="Patient" labelPosition="left" />
            {patient ? (
              <Paper withBorder radius="md" p="sm" bg="lagoon.0">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
                    <IconUserCheck size={20} color="var(--mantine-color-lagoon-7)" aria-hidden="true" />
                    <div>
                      <Text size="sm" fw={650}>
                        {patient.firstName} {patient.lastName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[patient.email, patient.phone ? formatPhone(patient.phone) : null, describeBirthDate(patient.dateOfBirth)]
                          .filter(Boolean)
                          .join(' · ') || 'No contact details'}
                      </Text>
                    </div>
                  </Group>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    style={{ flex: 'none' }}
                    leftSection={<IconX size={14} />}
                    onClick={() => {
                      setPatient(null);
                      setCardChoice({ source: 'new', entered: null });
                    }}
                  >
                    Change
                  </Button>
                </Group>
              </Paper>
            ) : (
              <>
                <PatientSearchCombobox
                  label="Find a patient"
                  description="Type a name, email or phone and pick the profile. For someone new, fill in their details below."
                  error={fieldErrors.patient}
                  onPick={pickPatient}
                />
                <SimpleGrid cols={2} spacing="sm">
                  <TextInput
                    label="First name"
                    value={newPatient.firstName}
                    autoComplete="off"
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setNewPatient((current) => ({ ...current, firstName: value }));
                      clearError('firstName');
                    }}
                    error={fieldErrors.firstName}
                  />
                  <TextInput
                    label="Last name"
                    value={newPatient.lastName}
                    autoComplete="off"
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setNewPatient((current) => ({ ...current, lastName: value }));
                      clearError('lastName');
                    }}
                    error={fieldErrors.lastName}
                  />
                  <TextInput
                    label="Email"
                    type="email"
                    value={newPatient.email}
                    autoComplete="off"
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setNewPatient((current) => ({ ...current, email: value }));
                      clearError('email');
                    }}
                    error={fieldErrors.email}
                  />
                  <TextInput
                    label="Phone"
                    type="tel"
                    placeholder="(212) 555-0123"
                    value={newPatient.phone}
                    autoComplete="off"
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setNewPatient((current) => ({ ...current, phone: value }));
                      clearError('phone');
                    }}
                    error={fieldErrors.phone}
                  />
                </SimpleGrid>
                <DuplicateWarning matches={duplicates.data ?? []} actionLabel="Use this patient" onAction={(match) => pickPatient(match)} />
              </>
            )}
          </>
        )}
        <Textarea
          label={kind === 'appointment' ? 'Appointment Notes' : 'Notes'}
          placeholder={kind === 'appointment' ? 'Special requests, reminders, or how the patient confirmed' : undefined}
          autosize
          minRows={2}
          maxRows={6}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          error={fieldErrors.notes}
        />
        <Checkbox
          label="Allow Double Booking"
          description="Lets this booking overlap the provider’s other appointments. Rooms and equipment are still never double booked."
          checked={allowDoubleBooking}
          onChange={(event) => {
            setAllowDoubleBooking(event.currentTarget.checked);
            clearError('providerId');
            setFormProblem(null);
          }}
        />
        {kind === 'appointment' && (
          <Stack gap="xs">
            <Checkbox
              label="Enter Credit Card Details"
              description="Needed for every in-office booking that may be charged a cancellation, rescheduling or no-show fee — even when a card is already on file."
              checked={enterCard}
              onChange={(event) => {
                setEnterCard(event.currentTarget.checked);
                clearError('card');
              }}
            />
            {enterCard && (
              <Paper withBorder radius="md" p="sm">
                <Stack gap="sm">
                  <Group gap={6}>
                    <IconCreditCard size={18} stroke={1.6} aria-hidden="true" />
                    <Text size="sm" fw={600}>
                      Card for this booking
                    </Text>
                  </Group>
                  {cards.length > 0 && (
                    <Radio.Group
                      aria-label="Card for this booking"
                      value={cardChoice.source === 'saved' ? cardChoice.paymentMethodId : 'new'}
                      onChange={(value) =>
                        setCardChoice(value === 'new' ? { source: 'new', entered: null } : { source: 'saved', paymentMethodId: value })
                      }
                    >
                      <Stack gap={6}>
                        {cards.map((card) => (
                          <Radio
                            key={card.id}
                            value={card.id}
                            label={`Re-confirm ${brandName(card.brand)} •••• ${card.last4} (expires ${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)})`}
                          />
                        ))}
                        <Radio value="new" label="Enter a new card" />
                      </Stack>
                    </Radio.Group>
                  )}
                  {cardChoice.source === 'new' &&
                    (cardChoice.entered ? (
                      <Group justify="space-between">
                        <Badge size="lg" variant="light" color="lagoon" tt="none" leftSection={<IconCreditCard size={14} />}>
                          {brandName(cardChoice.entered.card.brand)} •••• {cardChoice.entered.card.last4} ready
                        </Badge>
                        <Button size="xs" variant="subtle" onClick={() => setCardChoice({ source: 'new', entered: null })}>
                          Use a different card
                        </Button>
                      </Group>
                    ) : (
                      <CardEntryFrame onCard={onCard} />
                    ))}
                  {!patient && (
                    <Text size="xs" c="dimmed">
                      The new patient’s profile is saved first, then the card, then the booking.
                    </Text>
                  )}
                  {fieldErrors.card && (
                    <Text size="xs" c="red" role="alert">
                      {fieldErrors.card}
                    </Text>
                  )}
                </Stack>
              </Paper>
            )}
          </Stack>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
