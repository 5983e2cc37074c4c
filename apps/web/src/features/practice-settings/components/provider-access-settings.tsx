import { Alert, Paper, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { usePracticeSettings } from '../api/get-practice-settings.ts';
import { useUpdatePracticeSettings } from '../api/update-practice-settings.ts';

const TITLE = 'Provider access';

/** The practice setting that decides whether providers act on colleagues' appointments and see every client. */
export function ProviderAccessSettings({ canManage }: { canManage: boolean }) {
  const settings = usePracticeSettings();
  const update = useUpdatePracticeSettings();

  function change(value: boolean) {
    update.mutate(
      { providersManageAllAppointments: value },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'lagoon',
            title: 'Provider access saved',
            message: saved.providersManageAllAppointments
              ? 'Providers can now change every appointment and see every client.'
              : 'Providers now change only their own appointments and see only their own clients.',
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Provider access was not saved',
            message: isApiProblem(error) ? error.detail : 'Try again.',
          }),
      },
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description="Owners, admins and the front desk always work on every appointment and every client. This decides what providers may do."
      />
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
              checked={settings.data.providersManageAllAppointments}
              disabled={!canManage || update.isPending}
              onChange={(event) => change(event.currentTarget.checked)}
              label="Providers can change every appointment and see every client"
              description={
                settings.data.providersManageAllAppointments
                  ? 'On: providers confirm, check in, reschedule, cancel, mark no-shows on and edit any appointment, and open any client’s profile.'
                  : 'Off (recommended): a provider changes only the appointments booked with them and books only in their own column. They open a client’s profile, forms and appointment history only when that client has an appointment with them, past or upcoming, even a cancelled one. Everyone still sees the whole book.'
              }
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
