import type { PortalBanner } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Switch, Textarea } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendar } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useBannerMutations } from '../api/booking-portal-api.ts';

interface BannerDraft {
  body: string;
  startsOn: string | null;
  endsOn: string | null;
  enabled: boolean;
}

type DraftField = 'body' | 'startsOn' | 'endsOn';

/** The date `days` after a YYYY-MM-DD date. */
function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function problemsOf(draft: BannerDraft): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  if (draft.body.trim().length === 0) problems.body = 'Enter the banner text.';
  if (!draft.startsOn) problems.startsOn = 'Choose the first day.';
  if (!draft.endsOn) problems.endsOn = 'Choose the last day.';
  else if (draft.startsOn && draft.endsOn < draft.startsOn) problems.endsOn = 'The end date is before the start date.';
  return problems;
}

/** + Add New Banner, or Edit: text, first and last day (in the practice's zone), on or off. */
export function BannerModal({ banner, today, onClose }: { banner: PortalBanner | 'new'; today: string; onClose: () => void }) {
  const editing = banner === 'new' ? null : banner;
  const [draft, setDraft] = useState<BannerDraft>(
    editing
      ? { body: editing.body, startsOn: editing.startsOn, endsOn: editing.endsOn, enabled: editing.enabled }
      : { body: '', startsOn: today, endsOn: daysAfter(today, 30), enabled: true },
  );
  const [showProblems, setShowProblems] = useState(false);
  const [serverProblem, setServerProblem] = useState<{ field?: string; message: string } | null>(null);
  const { create, update } = useBannerMutations();
  const problems = problemsOf(draft);
  const shown = (field: DraftField) =>
    (showProblems ? problems[field] : undefined) ?? (serverProblem?.field === field ? serverProblem.message : undefined);

  function edit(change: Partial<BannerDraft>) {
    setDraft((current) => ({ ...current, ...change }));
    setServerProblem(null);
  }

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setShowProblems(true);
    if (Object.keys(problems).length > 0 || !draft.startsOn || !draft.endsOn) return;
    const fields = { body: draft.body.trim(), startsOn: draft.startsOn, endsOn: draft.endsOn, enabled: draft.enabled };
    const handlers = {
      onSuccess: () => {
        notifications.show({ color: 'lagoon', title: editing ? 'Banner saved' : 'Banner added', message: fields.body });
        onClose();
      },
      onError: (error: unknown) =>
        setServerProblem(
          isApiProblem(error)
            ? { ...(error.field ? { field: error.field } : {}), message: error.errors[0]?.message ?? error.detail }
            : { message: 'The banner was not saved. Try again.' },
        ),
    };
    if (editing) update.mutate({ banner: editing, changes: fields }, handlers);
    else create.mutate(fields, handlers);
  }

  return (
    <Modal opened onClose={onClose} title={editing ? 'Edit banner' : 'Add New Banner'} centered size="lg">
      <form onSubmit={save} noValidate aria-label={editing ? 'Edit banner' : 'New banner'}>
        <Stack gap="md">
          <Textarea
            label="Banner text"
            description="At most 200 characters."
            value={draft.body}
            onChange={(event) => edit({ body: event.currentTarget.value })}
            maxLength={200}
            autosize
            minRows={2}
            error={shown('body')}
            data-autofocus
          />
          <Group grow align="flex-start" wrap="wrap">
            <DatePickerInput
              label="Start date"
              leftSection={<IconCalendar size={16} stroke={1.6} />}
              value={draft.startsOn}
              onChange={(startsOn) => edit({ startsOn })}
              valueFormat="MMM D, YYYY"
              error={shown('startsOn')}
              miw={180}
            />
            <DatePickerInput
              label="End date"
              leftSection={<IconCalendar size={16} stroke={1.6} />}
              value={draft.endsOn}
              onChange={(endsOn) => edit({ endsOn })}
              valueFormat="MMM D, YYYY"
              minDate={draft.startsOn ?? undefined}
              error={shown('endsOn')}
              miw={180}
            />
          </Group>
          <Switch
            label="Enabled: show it to patients between these dates"
            checked={draft.enabled}
            onChange={(event) => edit({ enabled: event.currentTarget.checked })}
          />
          {serverProblem && !serverProblem.field && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {serverProblem.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? 'Save banner' : 'Add banner'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
