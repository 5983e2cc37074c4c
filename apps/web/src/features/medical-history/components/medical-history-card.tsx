import {
  medicalHistorySectionLabels,
  type MedicalHistory,
  type MedicalHistoryChange,
  type MedicalHistoryVersion,
} from '@glowdesk/contracts';
import { Alert, Badge, Button, Collapse, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconEdit, IconHistory, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import {
  useMedicalHistory,
  useMedicalHistoryVersions,
  useReviewMedicalHistory,
  useSaveMedicalHistory,
} from '../api/medical-history-api.ts';
import { contentOf, draftErrorsOf, draftOf, type MedicalHistoryDraft } from '../medical-history-draft.ts';
import { MedicalHistoryForm } from './medical-history-form.tsx';
import { MedicalHistorySummary } from './medical-history-summary.tsx';

const changeColors: Record<MedicalHistoryChange['kind'], string> = { added: 'teal', removed: 'red', changed: 'blue' };
const changeLabels: Record<MedicalHistoryChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

function when(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

function authorLabel(author: MedicalHistory['updatedBy']): string {
  if (!author) return '';
  return author.kind === 'patient' ? `${author.displayName} (patient, in the portal)` : author.displayName;
}

function VersionList({ versions, timeZone }: { versions: MedicalHistoryVersion[]; timeZone: string }) {
  if (versions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes yet.
      </Text>
    );
  return (
    <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="History of changes">
      {versions.map((version) => (
        <Paper key={version.version} component="li" withBorder radius="md" p="sm" data-testid="medical-history-version">
          <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
            <Text size="sm" fw={600}>
              Version {version.version} · {version.changedBy.displayName}
              {version.changedBy.kind === 'patient' && (
                <Badge ml="xs" size="xs" variant="light" color="grape">
                  Patient
                </Badge>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {when(version.changedAt, timeZone)}
            </Text>
          </Group>
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {version.changes.map((change, index) => (
              <Group key={index} component="li" gap={6} wrap="nowrap" align="flex-start">
                <Badge size="xs" variant="light" color={changeColors[change.kind]} mt={3} style={{ flexShrink: 0 }}>
                  {changeLabels[change.kind]}
                </Badge>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <Text span size="sm" c="dimmed">
                    {medicalHistorySectionLabels[change.section]}:
                  </Text>{' '}
                  {change.text}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function EditMedicalHistoryModal({ history, patientName, onClose }: { history: MedicalHistory; patientName: string; onClose: () => void }) {
  const save = useSaveMedicalHistory(history.patientId);
  const [draft, setDraft] = useState<MedicalHistoryDraft>(() => draftOf(history));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const phone = useMediaQuery('(max-width: 48em)');
  const problem = isApiProblem(save.error) ? save.error : undefined;
  const unplaced = problem && (problem.status !== 400 || Object.keys(errors).length === 0) ? problem : undefined;

  function submit() {
    setErrors({});
    save.mutate(
      { content: contentOf(draft), version: history.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${patientName}’s medical history is saved.` });
          onClose();
        },
        onError: (error) => {
          if (isApiProblem(error, 400)) {
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
    <Modal opened onClose={onClose} title={`Medical history — ${patientName}`} size="xl" fullScreen={phone}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <MedicalHistoryForm draft={draft} onChange={setDraft} errors={errors} audience="staff" />
          {unplaced && (
            <Alert color="red" variant="light" role="alert">
              {unplaced.status === 412
                ? 'Someone saved this medical history while you were editing. Close this window to see their version, then edit again.'
                : unplaced.detail}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The Medical History card of a client's profile (owners, admins and providers): the history,
 * a flag while the patient's own change waits for review with Mark Reviewed, Edit, and the
 * history of changes with what each version changed.
 */
export function MedicalHistoryCard({ patientId, patientName, timeZone }: { patientId: string; patientName: string; timeZone: string }) {
  const history = useMedicalHistory(patientId);
  const [editing, setEditing] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const versions = useMedicalHistoryVersions(patientId, showVersions);
  const review = useReviewMedicalHistory(patientId);

  let body;
  if (history.isError) {
    body = isApiProblem(history.error, 403) ? (
      <Text size="sm" c="dimmed">
        {history.error.detail}
      </Text>
    ) : (
      <LoadError what="the medical history" error={history.error} onRetry={() => void history.refetch()} />
    );
  } else if (history.isPending) {
    body = <Skeleton height={120} />;
  } else {
    const current = history.data;
    body = (
      <Stack gap="sm">
        {current.needsReview && current.updatedBy && current.updatedAt && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Updated by the patient — review">
            <Stack gap="xs">
              <Text size="sm">
                {current.updatedBy.displayName} changed this history in the portal on {when(current.updatedAt, timeZone)}. Check what
                changed in the history of changes, then mark it reviewed.
              </Text>
              {review.error && (
                <Text size="sm" c="red" role="alert">
                  {isApiProblem(review.error, 412) ? 'The history changed again meanwhile; it has been reloaded.' : review.error.message}
                </Text>
              )}
              <Group gap="xs">
                <Button
                  size="xs"
                  leftSection={<IconCheck size={14} />}
                  loading={review.isPending}
                  onClick={() => review.mutate(current.version)}
                >
                  Mark Reviewed
                </Button>
                {!showVersions && (
                  <Button size="xs" variant="default" onClick={() => setShowVersions(true)}>
                    See what changed
                  </Button>
                )}
              </Group>
            </Stack>
          </Alert>
        )}
        {current.version === 0 ? (
          <Text size="sm" c="dimmed">
            No medical history on file yet.
          </Text>
        ) : (
          <MedicalHistorySummary content={current} />
        )}
        {current.updatedAt && current.updatedBy && (
          <Text size="xs" c="dimmed">
            Last updated by {authorLabel(current.updatedBy)} · {when(current.updatedAt, timeZone)}
            {current.reviewedAt &&
              current.reviewedBy &&
              ` · reviewed by ${current.reviewedBy.displayName}, ${when(current.reviewedAt, timeZone)}`}
          </Text>
        )}
        <Collapse expanded={showVersions}>
          {versions.isError ? (
            <LoadError what="the history of changes" error={versions.error} onRetry={() => void versions.refetch()} />
          ) : versions.isPending ? (
            <Skeleton height={60} />
          ) : (
            <VersionList versions={versions.data} timeZone={timeZone} />
          )}
        </Collapse>
        {editing && <EditMedicalHistoryModal history={current} patientName={patientName} onClose={() => setEditing(false)} />}
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-label="Medical History">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz={17}>
          Medical History
        </Title>
        {history.data && (
          <Group gap="xs">
            {history.data.version > 0 && (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconHistory size={14} />}
                aria-expanded={showVersions}
                onClick={() => setShowVersions((shown) => !shown)}
              >
                {showVersions ? 'Hide changes' : 'History of changes'}
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconEdit size={14} />}
              aria-label="Edit medical history"
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
          </Group>
        )}
      </Group>
      {body}
    </Paper>
  );
}
