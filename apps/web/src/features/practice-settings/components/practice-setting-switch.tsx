import type { PracticeSettings } from '@glowdesk/contracts';
import { Alert, Paper, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { usePracticeSettings } from '../api/get-practice-settings.ts';
import { useUpdatePracticeSettings } from '../api/update-practice-settings.ts';

type SwitchSetting = 'providersManageAllAppointments' | 'requireMdCosignature';

/** What one on/off practice setting says: its section, its switch, and what each state means. */
export interface PracticeSettingWords {
  title: string;
  /** Under the section's title: who the setting concerns. */
  intro: string;
  label: string;
  /** Under the switch, for the state it is in. */
  description: (on: boolean) => string;
  /** The notification after a save, for the state saved. */
  saved: { title: string; message: (on: boolean) => string };
  /** The notification's title when a save fails. */
  notSaved: string;
}

/**
 * One on/off practice setting as a section of its own: a switch owners and admins change (each
 * change saved at once, and said in a notification); other roles see it, disabled, and why.
 */
export function PracticeSettingSwitch({
  setting,
  words,
  canManage,
}: {
  setting: SwitchSetting;
  words: PracticeSettingWords;
  canManage: boolean;
}) {
  const settings = usePracticeSettings();
  const update = useUpdatePracticeSettings();

  function change(value: boolean) {
    const changes: Partial<Pick<PracticeSettings, SwitchSetting>> = { [setting]: value };
    update.mutate(changes, {
      onSuccess: (saved) => notifications.show({ color: 'lagoon', title: words.saved.title, message: words.saved.message(saved[setting]) }),
      onError: (error) =>
        notifications.show({ color: 'red', title: words.notSaved, message: isApiProblem(error) ? error.detail : 'Try again.' }),
    });
  }

  return (
    <>
      <PageHeader title={words.title} size="section" description={words.intro} />
      {settings.isError ? (
        <LoadError what="the practice settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="md" role="status" aria-label="Loading the practice settings">
            <Skeleton height={28} width="50%" />
            <Skeleton height={48} />
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="md">
            <Switch
              size="md"
              checked={settings.data[setting]}
              disabled={!canManage || update.isPending}
              onChange={(event) => change(event.currentTarget.checked)}
              label={words.label}
              description={words.description(settings.data[setting])}
            />
            {!canManage && (
              <Alert color="gray" variant="light" icon={<IconAlertCircle size={18} />}>
                <Text size="sm">Only owners and admins can change this.</Text>
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </>
  );
}
