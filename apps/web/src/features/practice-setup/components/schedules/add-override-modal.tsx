import { createScheduleOverrideRequestSchema } from '@glowdesk/contracts';
import { Button, Group, Input, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { useCreateScheduleOverride } from '../../api/create-schedule-override.ts';
import { formatLocalDate } from '../../clinic-dates.ts';
import { fieldErrorsFromIssues, fieldErrorsFromProblem, unplacedSaveProblem, type FieldErrors } from '../../form-errors.ts';
import { FormProblemAlert } from '../shared/form-problem-alert.tsx';
import { useFieldErrors } from '../shared/use-field-errors.ts';
import { IntervalInputs } from './interval-inputs.tsx';
import { LocalDateInput } from './local-date-input.tsx';
import { nextInterval, type HoursInterval } from './weekly-hours.ts';

const fields = ['localDate', 'intervals', 'note'] as const;
type Field = (typeof fields)[number];
type OverrideKind = 'day_off' | 'hours';

interface AddOverrideModalProps {
  opened: boolean;
  providerId: string;
  clinicId: string;
  /** The clinic's today: overrides are for today or later. */
  today: string;
  onClose: () => void;
}

export function AddOverrideModal({ opened, onClose, ...form }: AddOverrideModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a date override" size="md">
      {opened && <AddOverrideForm {...form} onClose={onClose} />}
    </Modal>
  );
}

function AddOverrideForm({ providerId, clinicId, today, onClose }: Omit<AddOverrideModalProps, 'opened'>) {
  const [localDate, setLocalDate] = useState<string | null>(null);
  const [kind, setKind] = useState<OverrideKind>('day_off');
  const [intervals, setIntervals] = useState<HoursInterval[]>([{ start: '10:00', end: '14:00' }]);
  const [note, setNote] = useState('');
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<Field>();
  const createOverride = useCreateScheduleOverride();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createScheduleOverrideRequestSchema.safeParse({
      clinicId,
      localDate: localDate ?? '',
      intervals: kind === 'day_off' ? [] : intervals,
      note: note.trim() === '' ? null : note.trim(),
    });
    const found: FieldErrors<Field> = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, fields);
    if (localDate === null) found.localDate = 'Choose the date.';
    else if (localDate < today) found.localDate = 'Choose today or a later date.';
    if (kind === 'hours' && intervals.length === 0) found.intervals = 'Add the hours worked that day, or choose Day off.';
    if (!parsed.success || Object.keys(found).length > 0) return showErrors(found);
    createOverride.mutate(
      { providerId, request: parsed.data },
      {
        onSuccess: (created) => {
          notifications.show({
            color: 'lagoon',
            title: created.intervals.length === 0 ? 'Day off added' : 'Different hours added',
            message: formatLocalDate(created.localDate),
          });
          onClose();
        },
        onError: (error) => {
          if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, fields));
        },
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(createOverride.error, fields, 'schedule')} />
        <LocalDateInput
          label="Date"
          required
          value={localDate}
          onChange={(value) => {
            setLocalDate(value);
            setErrors((current) => ({ ...current, localDate: undefined }));
          }}
          minDate={today}
          error={errors.localDate}
        />
        <Input.Wrapper label="That day" labelElement="div" id="override-kind">
          <SegmentedControl<OverrideKind>
            aria-labelledby="override-kind-label"
            fullWidth
            mt={4}
            value={kind}
            onChange={(value) => {
              setKind(value);
              setErrors((current) => ({ ...current, intervals: undefined }));
            }}
            data={[
              { value: 'day_off', label: 'Day off' },
              { value: 'hours', label: 'Different hours' },
            ]}
          />
        </Input.Wrapper>
        {kind === 'hours' && (
          <Stack gap={6} role="group" aria-labelledby="override-hours-label">
            <Input.Label id="override-hours-label" required>
              Hours worked
            </Input.Label>
            {intervals.map((interval, index) => (
              <IntervalInputs
                key={index}
                label={`Override hours ${index + 1}`}
                interval={interval}
                invalid={errors.intervals !== undefined}
                onChange={(changed) => {
                  setIntervals(intervals.map((current, position) => (position === index ? changed : current)));
                  setErrors((current) => ({ ...current, intervals: undefined }));
                }}
                onRemove={() => setIntervals(intervals.filter((_, position) => position !== index))}
              />
            ))}
            {errors.intervals && (
              <Text size="xs" c="red.8" role="alert">
                {errors.intervals}
              </Text>
            )}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => setIntervals([...intervals, nextInterval(intervals)])}
              >
                Add interval
              </Button>
            </Group>
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          {kind === 'day_off'
            ? 'No bookings that day at this clinic, whatever the weekly hours say.'
            : 'These hours replace the weekly hours on that date, at this clinic only.'}
        </Text>
        <Textarea
          label="Note"
          placeholder="e.g. Training day, vacation"
          autosize
          minRows={1}
          maxRows={3}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors.note}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createOverride.isPending}>
            Add override
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
