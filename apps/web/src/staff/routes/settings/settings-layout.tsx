import { Box, Flex, NavLink, Paper, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../../../features/auth/components/session-context.tsx';
import { canOpenSection, settingsSections } from './settings-sections.ts';

function SettingsNavigation() {
  const { pathname } = useLocation();
  const { staff } = useSession();
  // Below Mantine's md breakpoint the list sits above the section: folded, it leaves the
  // section on a phone's first screen instead of pushing it below the fold.
  const folds = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  // Open only on the page where it was opened: choosing a section folds it again.
  const [openedOn, setOpenedOn] = useState<string | null>(null);
  const open = openedOn === pathname;
  const current = settingsSections.find(
    (section) => pathname === `/settings/${section.slug}` || pathname.startsWith(`/settings/${section.slug}/`),
  );
  const listed = !folds || open;
  return (
    <Paper component="nav" aria-label="Settings" withBorder radius="lg" p="xs" bg="white">
      {folds ? (
        <UnstyledButton
          onClick={() => setOpenedOn(open ? null : pathname)}
          aria-expanded={open}
          aria-controls="settings-sections"
          w="100%"
          px="sm"
          py={6}
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderRadius: 'var(--mantine-radius-md)',
          }}
        >
          <span>
            <Text component="span" size="xs" fw={700} c="dimmed" tt="uppercase" display="block">
              Settings
            </Text>
            <Text component="span" size="sm" fw={600} display="block">
              {current?.label ?? 'Choose a section'}
            </Text>
          </span>
          <IconChevronDown
            size={18}
            stroke={1.6}
            aria-hidden="true"
            style={{ transform: open ? 'rotate(180deg)' : undefined, transition: 'transform 150ms ease' }}
          />
        </UnstyledButton>
      ) : (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={6} pb={8}>
          Settings
        </Text>
      )}
      <div id="settings-sections" hidden={!listed}>
        {listed &&
          settingsSections.map((section) => {
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
      </div>
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
