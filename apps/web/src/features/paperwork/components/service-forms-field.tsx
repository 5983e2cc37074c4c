import { paperworkKindSchema, type PaperworkKind } from '@glowdesk/contracts';
import { Alert, Anchor, Divider, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { usePaperworkTemplates } from '../api/get-paperwork-templates.ts';
import { useServicePaperwork } from '../api/get-service-paperwork.ts';
import { useReplaceServicePaperwork } from '../api/replace-service-paperwork.ts';

const groupLabels: Record<PaperworkKind, string> = {
  consent: 'Consents',
  questionnaire: 'Questionnaires',
  instructions: 'Pre-treatment instructions',
};

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

function describeProblem(error: unknown): string {
  if (!isApiProblem(error)) return 'The forms could not be saved. Try again.';
  if (error.status === 403) return 'Your role cannot attach forms to services. Owners and admins can.';
  return error.detail;
}

/**
 * The forms a service forwards when booked, as the service form edits them: chosen here,
 * saved with the service (after it, for a new one, since the service needs an id first).
 */
export function useServiceFormsDraft(serviceId: string | null) {
  const attached = useServicePaperwork(serviceId);
  const templates = usePaperworkTemplates();
  const replace = useReplaceServicePaperwork();
  // null until the user picks: the attached forms show as they load.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const savedIds = attached.data?.items.map((item) => item.templateId) ?? [];
  const templateIds = chosen ?? savedIds;
  const ready = serviceId === null || attached.isSuccess;
  const changed = ready && chosen !== null && !sameOrder(chosen, savedIds);

  /** Saves the choice when it changed; the server's refusal when it did not take it (also shown on the field). */
  async function attempt(targetServiceId: string): Promise<unknown> {
    if (!changed) return null;
    try {
      await replace.mutateAsync({ serviceId: targetServiceId, templateIds });
      return null;
    } catch (error) {
      return error;
    }
  }

  /** Saves the choice when it changed; false when the server refused it (the field says why). */
  async function save(targetServiceId: string): Promise<boolean> {
    return (await attempt(targetServiceId)) === null;
  }

  /** After a new service is created: attaches the chosen forms, or says why they were not (the form has closed). */
  async function saveForNewService(created: { id: string; name: string }): Promise<void> {
    const error = await attempt(created.id);
    if (error === null) return;
    notifications.show({
      color: 'red',
      title: `${created.name} was added without its forms`,
      message: `${describeProblem(error)} Open the service to attach them again.`,
      autoClose: false,
    });
  }

  return {
    serviceId,
    attached,
    templates,
    templateIds,
    choose: setChosen,
    changed,
    save,
    saveForNewService,
    saving: replace.isPending,
    saveError: replace.error,
  };
}

export type ServiceFormsDraft = ReturnType<typeof useServiceFormsDraft>;

/** "Forms" in the service form: consents, questionnaires and instructions booking this service forwards. */
export function ServiceFormsField({ draft }: { draft: ServiceFormsDraft }) {
  const { attached, templates, templateIds } = draft;
  const summaries = templates.data ?? [];
  const attachedItems = attached.data?.items ?? [];
  // Active forms can be added; an inactive one already attached stays listed so it can be removed.
  const choices = paperworkKindSchema.options
    .map((kind) => ({
      group: groupLabels[kind],
      items: summaries
        .filter((template) => template.kind === kind && (template.active || templateIds.includes(template.id)))
        .map((template) => ({
          value: template.id,
          label: template.active ? template.name : `${template.name} (inactive)`,
        })),
    }))
    .filter((group) => group.items.length > 0);
  // A form attached but missing from the list (it loads separately) is still named.
  for (const item of attachedItems) {
    if (!choices.some((group) => group.items.some((option) => option.value === item.templateId))) {
      choices.push({ group: 'Attached', items: [{ value: item.templateId, label: item.active ? item.name : `${item.name} (inactive)` }] });
    }
  }
  const loading = (draft.serviceId !== null && attached.isPending) || templates.isPending;
  const loadError = attached.error ?? templates.error;
  const inactiveChosen = summaries.filter((template) => !template.active && templateIds.includes(template.id));

  return (
    <Stack gap="sm">
      <Divider
        label={
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            Paperwork
          </Text>
        }
        labelPosition="left"
      />
      {loadError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Could not load the forms">
          {isApiProblem(loadError) ? loadError.detail : 'Try again in a moment.'} The service can still be saved; its forms stay as they
          were.
        </Alert>
      ) : (
        <MultiSelect
          label="Forms"
          placeholder={loading ? 'Loading forms…' : templateIds.length === 0 ? 'Choose forms' : undefined}
          data={choices}
          value={templateIds}
          onChange={draft.choose}
          disabled={loading}
          error={draft.saveError ? describeProblem(draft.saveError) : undefined}
          description="Forwarded to the patient when this service is booked, in this order: consents to sign, questionnaires to fill in, instructions to read."
          searchable
          hidePickedOptions
          nothingFoundMessage={
            summaries.length === 0 ? 'No forms yet: write them in Settings → Forms' : 'No form matches; active forms only'
          }
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {inactiveChosen.length > 0 && (
        <Text size="xs" c="orange.8">
          {inactiveChosen.map((template) => template.name).join(', ')} {inactiveChosen.length === 1 ? 'is' : 'are'} deactivated and not
          forwarded at booking.
        </Text>
      )}
      {!loading && summaries.length === 0 && !loadError && (
        <Text size="xs" c="dimmed">
          No forms yet.{' '}
          <Anchor component={Link} to="/settings/forms" size="xs">
            Write consents, questionnaires and instructions in Settings → Forms
          </Anchor>
          .
        </Text>
      )}
    </Stack>
  );
}
