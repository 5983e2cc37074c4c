import { Alert, Paper, Skeleton, Switch, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { usePracticeSettings } from '../api/get-practice-settings.ts';
import { useUpdatePracticeSettings } from '../api/update-practice-settings.ts';

/** Whether providers' signed charts wait for a medical director's co-signature (MD Review). */
export function MdCosignatureSettings({ canManage }: { canManage: boolean }) {
  const settings = usePracticeSettings();
  const update = useUpdatePracticeSettings();

  function change(value: boolean) {
    update.mutate(
      { requireMdCosignature: value },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'lagoon',
            title: 'Co-signature setting saved',
            message: saved.requireMdCosignature
              ? 'Charts providers sign from now on wait for a medical director’s co-signature.'
              : 'Charts signed from now on need no co-signature.',
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'The co-signature setting was not saved',
            message: isApiProblem(error) ? error.detail : 'Try again.',
          }),
      },
    );
  }

  return (
    <>
      <PageHeader
        title="Medical director co-signature"
        size="section"
        description="Medical directors are chosen under Staff. They co-sign charts in the EMR's MD Review."
      />
      {settings.isError ? (
        <LoadError what="the practice settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Skeleton height={80} radius="lg" />
      ) : (
        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="md">
            <Switch
              size="md"
              checked={settings.data.requireMdCosignature}
              disabled={!canManage || update.isPending}
              onChange={(event) => change(event.currentTarget.checked)}
              label="Require a medical director’s co-signature on charts"
              description="On: a chart a provider signs is locked as usual and waits in MD Review until a medical director co-signs it. A medical director’s own charts need none. Charts signed before the change keep their state."
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
