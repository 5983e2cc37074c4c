import { prescriptionStatusLabels, type Prescription } from '@glowdesk/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus, IconPrescription } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useDiscontinuePrescription, usePrescriptions, useRecordPrescription } from '../api/prescriptions-api.ts';
import {
  blankPrescriptionForm,
  dispenseSummary,
  localDateAt,
  readPrescriptionForm,
  type PrescriptionFormErrors,
  type PrescriptionFormValues,
} from '../prescription-form.ts';

/**
 * A client's prescriptions with New Prescription and Discontinue. On a chart (`procedureId`)
 * it lists those written on that chart and links new ones to it; on the client profile, all.
 */
export function PrescriptionsSection({
  patientId,
  patientName,
  timeZone,
  procedureId = null,
}: {
  patientId: string;
  patientName: string;
  timeZone: string;
  procedureId?: string | null;
}) {
  const titleId = useId();
  const prescriptions = usePrescriptions(patientId);
  const [creating, setCreating] = useState(false);
  const [discontinuing, setDiscontinuing] = useState<Prescription | null>(null);
  const items = prescriptions.data?.items.filter((item) => procedureId === null || item.procedureId === procedureId);
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} fz={17} id={titleId}>
          Prescriptions
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}>
          New Prescription
        </Button>
      </Group>
      {prescriptions.isPending && <Skeleton height={60} />}
      {prescriptions.isError && (
        <LoadError what="the prescriptions" error={prescriptions.error} onRetry={() => void prescriptions.refetch()} />
      )}
      {items && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {procedureId ? 'No prescription written on this chart.' : 'No prescriptions on file.'}
        </Text>
      )}
      {items && items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <li key={item.id}>
              <PrescriptionRow prescription={item} timeZone={timeZone} onDiscontinue={() => setDiscontinuing(item)} />
            </li>
          ))}
        </Stack>
      )}
      {creating && (
        <NewPrescriptionModal
          patientId={patientId}
          patientName={patientName}
          procedureId={procedureId}
          timeZone={timeZone}
          onClose={() => setCreating(false)}
        />
      )}
      {discontinuing && <DiscontinueModal patientId={patientId} prescription={discontinuing} onClose={() => setDiscontinuing(null)} />}
    </Paper>
  );
}

function PrescriptionRow({
  prescription,
  timeZone,
  onDiscontinue,
}: {
  prescription: Prescription;
  timeZone: string;
  onDiscontinue: () => void;
}) {
  const active = prescription.status === 'active';
  const stoppedOn = prescription.discontinuedAt ? localDateAt(Date.parse(prescription.discontinuedAt), timeZone) : null;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg={active ? undefined : 'gray.0'}
      component="article"
      aria-label={`${prescription.drug} ${prescription.strength}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }} td={active ? undefined : 'line-through'}>
            {prescription.drug} {prescription.strength}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {prescription.directions}
          </Text>
          <Text size="xs" c="dimmed">
            {dispenseSummary(prescription)} · {formatCalendarDate(prescription.prescribedOn)} · {prescription.prescriber.displayName}
          </Text>
          {!active && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Discontinued {stoppedOn ? formatCalendarDate(stoppedOn) : ''} by {prescription.discontinuedBy?.displayName}:{' '}
              {prescription.discontinuedReason}
            </Text>
          )}
        </div>
        <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
          <Badge color={active ? 'teal' : 'gray'} variant="light">
            {prescriptionStatusLabels[prescription.status]}
          </Badge>
          {active && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={onDiscontinue} aria-label={`Discontinue ${prescription.drug}`}>
              Discontinue
            </Button>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

function NewPrescriptionModal({
  patientId,
  patientName,
  procedureId,
  timeZone,
  onClose,
}: {
  patientId: string;
  patientName: string;
  procedureId: string | null;
  timeZone: string;
  onClose: () => void;
}) {
  const [today] = useState(() => localDateAt(Date.now(), timeZone));
  const [values, setValues] = useState<PrescriptionFormValues>(() => blankPrescriptionForm(today));
  const [errors, setErrors] = useState<PrescriptionFormErrors>({});
  const record = useRecordPrescription(patientId);
  const problem = isApiProblem(record.error) ? record.error : undefined;
  const errorOf = (field: keyof PrescriptionFormValues) => errors[field] ?? problem?.messageFor(field);
  const set = (field: keyof PrescriptionFormValues) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  return (
    <Modal opened onClose={onClose} title={`New Prescription for ${patientName}`} centered size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const read = readPrescriptionForm(values, today, procedureId);
          setErrors(read.errors ?? {});
          if (read.request) record.mutate(read.request, { onSuccess: onClose });
        }}
      >
        <Stack>
          {procedureId && (
            <Text size="sm" c="dimmed">
              Written on this chart. You are recorded as the prescriber.
            </Text>
          )}
          {!procedureId && (
            <Text size="sm" c="dimmed">
              You are recorded as the prescriber.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Drug"
              required
              value={values.drug}
              onChange={(event) => set('drug')(event.currentTarget.value)}
              error={errorOf('drug')}
              maxLength={200}
            />
            <TextInput
              label="Strength"
              required
              placeholder="e.g. 0.025% or 500 mg"
              value={values.strength}
              onChange={(event) => set('strength')(event.currentTarget.value)}
              error={errorOf('strength')}
              maxLength={100}
            />
          </SimpleGrid>
          <Textarea
            label="Directions"
            required
            autosize
            minRows={2}
            value={values.directions}
            onChange={(event) => set('directions')(event.currentTarget.value)}
            error={errorOf('directions')}
            maxLength={1000}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <NumberInput
              label="Quantity"
              required
              min={1}
              max={9999}
              allowDecimal={false}
              clampBehavior="none"
              allowNegative={false}
              value={values.quantity}
              onChange={(value) => set('quantity')(String(value))}
              error={errorOf('quantity')}
            />
            <NumberInput
              label="Refills"
              required
              min={0}
              max={12}
              allowDecimal={false}
              clampBehavior="none"
              allowNegative={false}
              value={values.refills}
              onChange={(value) => set('refills')(String(value))}
              error={errorOf('refills')}
            />
            <TextInput
              type="date"
              label="Date"
              required
              max={today}
              value={values.prescribedOn}
              onChange={(event) => set('prescribedOn')(event.currentTarget.value)}
              error={errorOf('prescribedOn')}
            />
          </SimpleGrid>
          {record.error && !problem?.field && (
            <Alert color="red" variant="light" role="alert">
              {record.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconPrescription size={16} aria-hidden />} loading={record.isPending}>
              Save Prescription
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DiscontinueModal({ patientId, prescription, onClose }: { patientId: string; prescription: Prescription; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const discontinue = useDiscontinuePrescription(patientId);
  const problem = isApiProblem(discontinue.error) ? discontinue.error : undefined;
  return (
    <Modal opened onClose={onClose} title={`Discontinue ${prescription.drug}?`} centered>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() === '') {
            setError('Give a reason; it is kept with the prescription.');
            return;
          }
          setError(undefined);
          discontinue.mutate({ prescriptionId: prescription.id, reason: reason.trim() }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <Text size="sm">
            {prescription.drug} {prescription.strength} stops being active. It stays in the client’s history with your reason, and cannot be
            restarted: record a new prescription instead.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error ?? problem?.messageFor('reason')}
            maxLength={500}
            data-autofocus
          />
          {discontinue.error && !problem?.field && (
            <Alert color="red" variant="light" role="alert">
              {discontinue.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={discontinue.isPending}>
              Discontinue
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
