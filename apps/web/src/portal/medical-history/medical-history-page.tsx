import type { PortalMedicalHistory } from '@glowdesk/contracts';
import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { MedicalHistoryForm } from '../../features/medical-history/components/medical-history-form.tsx';
import { contentOf, draftErrorsOf, draftOf, type MedicalHistoryDraft } from '../../features/medical-history/medical-history-draft.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalMedicalHistory, useSavePortalMedicalHistory } from '../api/portal-medical-history.ts';
import { usePortalMe } from '../api/portal-session.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';

type Outcome = { kind: 'saved' } | { kind: 'unchanged' } | { kind: 'stale' } | undefined;

function lastUpdated(history: PortalMedicalHistory, timeZone: string): string | undefined {
  if (!history.updatedAt) return undefined;
  const at = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(history.updatedAt));
  return history.updatedBy === 'clinic' ? `Last updated by the clinic on ${at}.` : `Last updated by you on ${at}.`;
}

function MedicalHistoryEditor({
  history,
  practiceName,
  timeZone,
  outcome,
  setOutcome,
}: {
  history: PortalMedicalHistory;
  practiceName: string;
  timeZone: string;
  /** What the last save came to; kept by the page, as a save reloads this form from the saved version. */
  outcome: Outcome;
  setOutcome: (outcome: Outcome) => void;
}) {
  const practice = useCurrentPractice();
  const save = useSavePortalMedicalHistory(practice.slug);
  const [draft, setDraft] = useState<MedicalHistoryDraft>(() => draftOf(history));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problem = isApiProblem(save.error) ? save.error : undefined;
  const formError =
    outcome?.kind === 'stale'
      ? `${practiceName} updated your medical history while you were editing. Their latest version is shown; make your change again.`
      : problem && problem.status !== 412 && Object.keys(errors).length === 0
        ? problem.detail
        : save.error && !problem
          ? 'Your medical history was not saved. Check your connection and try again.'
          : undefined;

  function change(next: MedicalHistoryDraft) {
    setDraft(next);
    if (outcome?.kind === 'saved' || outcome?.kind === 'unchanged') setOutcome(undefined);
  }

  function submit() {
    setErrors({});
    setOutcome(undefined);
    save.mutate(
      { content: contentOf(draft), version: history.version },
      {
        onSuccess: (saved) => setOutcome({ kind: saved.version === history.version ? 'unchanged' : 'saved' }),
        onError: (error) => {
          if (isApiProblem(error, 412)) setOutcome({ kind: 'stale' });
          else if (isApiProblem(error, 400)) {
            setErrors(
              draftErrorsOf(
                draft,
                error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.detail }] : [],
              ),
            );
          }
        },
      },
    );
  }

  return (
    <form
      noValidate
      aria-label="Medical history"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        {history.awaitingReview && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
            {practiceName} has your latest changes and will review them.
          </Alert>
        )}
        <Paper withBorder radius="md" p="md" bg="white">
          <MedicalHistoryForm draft={draft} onChange={change} errors={errors} audience="patient" />
        </Paper>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Group gap="sm" align="center">
          <Button type="submit" loading={save.isPending}>
            Save medical history
          </Button>
          {outcome?.kind === 'saved' && (
            <Group gap={4} c="teal.8" role="status" wrap="nowrap">
              <IconCircleCheck size={18} aria-hidden="true" />
              <Text size="sm" c="teal.8">
                Saved. {practiceName} will review your changes.
              </Text>
            </Group>
          )}
          {outcome?.kind === 'unchanged' && (
            <Text size="sm" c="dimmed" role="status">
              Nothing changed, so there was nothing to save.
            </Text>
          )}
        </Group>
        {lastUpdated(history, timeZone) && (
          <Text size="xs" c="dimmed">
            {lastUpdated(history, timeZone)}
          </Text>
        )}
      </Stack>
    </form>
  );
}

/**
 * The portal's Medical History page: the patient's allergies, medications, conditions,
 * previous treatments and pregnancy, which they update here; the clinic reviews each change.
 */
export function MedicalHistoryPage() {
  usePageTitle('Medical History');
  const practice = useCurrentPractice();
  const history = usePortalMedicalHistory(practice.slug);
  const me = usePortalMe(practice.slug);
  const [outcome, setOutcome] = useState<Outcome>();
  const viewingOwn = !me.data || me.data.activeProfileId === me.data.patient.id;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Medical History
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          Keep {viewingOwn ? 'your' : 'their'} health details up to date before each visit. {practice.name} reviews every change you make
          here.
        </Text>
      </div>
      {history.isPending && <Skeleton h={320} radius="md" />}
      {history.isError && <LoadError what="the medical history" error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && (
        <MedicalHistoryEditor
          key={history.data.version}
          history={history.data}
          practiceName={practice.name}
          timeZone={practice.timezone}
          outcome={outcome}
          setOutcome={setOutcome}
        />
      )}
    </Stack>
  );
}
