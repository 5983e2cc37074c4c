import { Menu, UnstyledButton } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { NavLink, useLocation } from 'react-router';
import type { PortalPage } from './portal-navigation.tsx';

/** The phone tab bar's More entry: a menu of the pages the bar has no room for. */
export function MorePagesMenu({ pages }: { pages: PortalPage[] }) {
  const { pathname } = useLocation();
  const current = pages.some((page) => pathname === page.to || pathname.startsWith(`${page.to}/`));
  return (
    <Menu position="top-end" withinPortal>
      <Menu.Target>
        <UnstyledButton className="portal-nav-link" data-current={current || undefined}>
          <IconDots size={20} aria-hidden="true" />
          <span className="portal-nav-label">More</span>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {pages.map((page) => (
          <Menu.Item key={page.to} component={NavLink} to={page.to} leftSection={<page.icon size={18} aria-hidden="true" />}>
            {page.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
