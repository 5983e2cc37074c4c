import { staffRoleLabels, type Me } from '@glowdesk/contracts';
import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUser } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useSignOut } from '../../features/auth/api/sign-out.ts';

/** The signed-in person, their role, and "Sign out". */
export function UserMenu({ staff }: { staff: Me['staff'] }) {
  const signOut = useSignOut();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const roleLabel = staffRoleLabels[staff.role];

  async function leave() {
    await navigate('/login', { replace: true, state: { reason: 'signed_out' } });
    queryClient.clear();
  }

  function requestSignOut() {
    signOut.mutate(undefined, {
      onSuccess: () => void leave(),
      onError: (error) => {
        // 401: the session had already ended, which is what the user asked for.
        if (isApiProblem(error, 401)) return void leave();
        notifications.show({
          color: 'red',
          title: 'Could not sign out',
          message: isApiProblem(error) ? error.detail : 'Try again in a moment.',
        });
      },
    });
  }

  return (
    <Menu position="bottom-end" width={280} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={`${staff.displayName}, ${roleLabel}: account menu`}
          px={6}
          py={4}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Group gap={10} wrap="nowrap">
            {/* The avatar is a picture, not text, so the button's visible words are exactly the start of its name (WCAG 2.5.3). */}
            <Avatar color="lagoon" radius="xl" size={34} aria-hidden="true">
              <IconUser size={18} stroke={1.8} />
            </Avatar>
            <Stack gap={0} visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.25}>
                {staff.displayName}
              </Text>{' '}
              <Text size="xs" c="dimmed" lh={1.25}>
                {roleLabel}
              </Text>
            </Stack>
            <IconChevronDown size={16} stroke={1.6} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text size="sm" px="sm" pb={8} style={{ overflowWrap: 'anywhere' }}>
          {staff.email}
        </Text>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} stroke={1.6} />} onClick={requestSignOut} disabled={signOut.isPending}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
