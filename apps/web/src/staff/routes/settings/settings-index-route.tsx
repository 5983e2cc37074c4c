import { staffRoleLabels } from '@glowdesk/contracts';
import { Button, Group, Paper, Text } from '@mantine/core';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../features/auth/components/session-context.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { canManageSection, canOpenSection, settingsSections } from './settings-sections.ts';

/** Opens the first section this role may manage, or says so and links what the role may still look at. */
export function SettingsIndexRoute() {
  const { staff } = useSession();
  const first = settingsSections.find((section) => canManageSection(section, staff.role));
  if (first) return <Navigate to={`/settings/${first.slug}`} replace />;
  const viewable = settingsSections.filter((section) => canOpenSection(section, staff.role));
  return (
    <>
      <PageHeader title="Settings" size="section" description="How the practice is set up: staff, clinics, services and policies." />
      <RestrictedNotice title={`Your role (${staffRoleLabels[staff.role]}) has no settings to manage`}>
        Owners and admins manage the practice's settings. If something needs to change, ask one of them.
      </RestrictedNotice>
      {viewable.length > 0 && (
        <Paper withBorder radius="lg" bg="white" p="lg" mt="md" component="section" aria-label="Settings you can look at">
          <Text size="sm" fw={600} mb={4}>
            You can still look at how the practice is set up
          </Text>
          <Text size="sm" c="dimmed" mb="md">
            These pages are view only for your role.
          </Text>
          <Group gap="xs">
            {viewable.map((section) => (
              <Button
                key={section.slug}
                component={Link}
                to={`/settings/${section.slug}`}
                variant="default"
                size="sm"
                leftSection={<section.icon size={16} stroke={1.6} aria-hidden="true" />}
              >
                {section.label}
              </Button>
            ))}
          </Group>
        </Paper>
      )}
    </>
  );
}
