import { Box, Flex, NavLink, Paper, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../../../features/auth/components/session-context.tsx';
import { canOpenSection, settingsSections } from './settings-sections.ts';

function SettingsNavigation() {
  const { pathname } = useLocation();
  const { staff } = useSession();
  return (
    <Paper component="nav" aria-label="Settings" withBorder radius="lg" p="xs" bg="white">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={6} pb={8}>
        Settings
      </Text>
      {settingsSections.map((section) => {
        const path = `/settings/${section.slug}`;
        const allowed = canOpenSection(section, staff.role);
        return (
          <NavLink
            key={section.slug}
            component={Link}
            to={path}
            label={section.label}
            description={
              allowed
                ? section.description
                : section.viewRoles.includes('front_desk')
                  ? 'Front desk and managers only'
                  : 'Owners and admins only'
            }
            leftSection={<section.icon size={18} stroke={1.6} aria-hidden="true" />}
            rightSection={allowed ? undefined : <IconLock size={14} stroke={1.6} aria-hidden="true" />}
            active={pathname === path || pathname.startsWith(`${path}/`)}
            aria-current={pathname === path ? 'page' : undefined}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Paper>
  );
}

/** Settings: a list of sections on the left, the open section on the right. */
export function SettingsLayout() {
  return (
    <Flex direction={{ base: 'column', md: 'row' }} gap="xl" align="flex-start">
      <Box w={{ base: '100%', md: 240 }} style={{ flexShrink: 0 }}>
        <SettingsNavigation />
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }} w="100%">
        <Outlet />
      </Box>
    </Flex>
  );
}
