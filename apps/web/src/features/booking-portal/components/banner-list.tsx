import type { PortalBanner } from '@glowdesk/contracts';
import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPencil, IconPlus, IconSpeakerphone, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useBannerMutations, useBanners } from '../api/booking-portal-api.ts';
import { bannerStatusLabels, bannerStatusOf, describeBannerDates } from '../banner-status.ts';
import { BannerModal } from './banner-modal.tsx';

/** Promotional banners: the list, + Add New Banner, the on/off toggle, edit and delete. */
export function BannerList({ today, canChange }: { today: string; canChange: boolean }) {
  const banners = useBanners();
  const { update, remove } = useBannerMutations();
  const [editing, setEditing] = useState<PortalBanner | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PortalBanner | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);

  function toggle(banner: PortalBanner, enabled: boolean) {
    update.mutate(
      { banner, changes: { enabled } },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'The banner was not changed',
            message: isApiProblem(error) ? error.detail : 'Try again.',
          }),
      },
    );
  }

  function confirmDelete() {
    if (!deleting) return;
    remove.mutate(deleting, {
      onSuccess: () => {
        notifications.show({ color: 'lagoon', title: 'Banner deleted', message: deleting.body });
        setDeleting(null);
      },
      onError: (error) => setDeleteProblem(isApiProblem(error) ? error.detail : 'The banner was not deleted. Try again.'),
    });
  }

  return (
    <Paper withBorder radius="lg" bg="white" p="lg">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Title order={2} fz="lg">
              Banners
            </Title>
            <Text size="sm" c="dimmed">
              Promotions on the portal’s dashboard. A banner shows while it is enabled and today is between its dates.
            </Text>
          </Stack>
          {canChange && (
            <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setEditing('new')}>
              Add New Banner
            </Button>
          )}
        </Group>
        {banners.isError ? (
          <LoadError what="the banners" error={banners.error} onRetry={() => void banners.refetch()} />
        ) : banners.isPending ? (
          <Stack gap="sm" role="status" aria-label="Loading the banners">
            <Skeleton height={48} />
            <Skeleton height={48} />
          </Stack>
        ) : banners.data.length === 0 ? (
          <Stack align="center" gap={6} py="lg">
            <IconSpeakerphone size={28} stroke={1.5} aria-hidden />
            <Text fw={600}>No banners yet</Text>
            <Text size="sm" c="dimmed" ta="center" maw={420}>
              Announce a seasonal offer or new hours: add a banner with the days it should show.
            </Text>
          </Stack>
        ) : (
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Banners">
            {banners.data.map((banner) => {
              const status = bannerStatusLabels[bannerStatusOf(banner, today)];
              return (
                <Group
                  key={banner.id}
                  component="li"
                  justify="space-between"
                  wrap="wrap"
                  gap="sm"
                  py="sm"
                  style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Stack gap={4} style={{ minWidth: 0 }}>
                    <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {banner.body}
                    </Text>
                    <Group gap="xs">
                      <Text size="sm" c="dimmed">
                        {describeBannerDates(banner.startsOn, banner.endsOn)}
                      </Text>
                      <Badge color={status.color} variant="light" size="sm">
                        {status.label}
                      </Badge>
                    </Group>
                  </Stack>
                  {canChange && (
                    <Group gap="xs" wrap="nowrap">
                      <Switch
                        label="Show"
                        aria-label={`Show “${banner.body}” to patients`}
                        checked={banner.enabled}
                        onChange={(event) => toggle(banner, event.currentTarget.checked)}
                      />
                      <Tooltip label="Edit">
                        <ActionIcon variant="subtle" color="gray" aria-label={`Edit “${banner.body}”`} onClick={() => setEditing(banner)}>
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Delete">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete “${banner.body}”`}
                          onClick={() => {
                            setDeleteProblem(null);
                            setDeleting(banner);
                          }}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
      {editing && <BannerModal banner={editing} today={today} onClose={() => setEditing(null)} />}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete banner" centered>
        <Stack gap="md">
          <Text size="sm">
            Delete “{deleting?.body}”? Patients stop seeing it at once. To hide it for now and keep it, turn it off instead.
          </Text>
          {deleteProblem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {deleteProblem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirmDelete}>
              Delete banner
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
