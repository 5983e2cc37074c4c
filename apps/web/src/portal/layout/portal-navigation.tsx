import { useMediaQuery } from '@mantine/hooks';
import type { Icon } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { NavLink } from 'react-router';
import { splitForTabBar } from './tab-bar-pages.ts';

// The menu (and Mantine's Menu) loads only when a phone has more pages than its tab bar holds.
const MorePagesMenu = lazy(() => import('./more-pages-menu.tsx').then((module) => ({ default: module.MorePagesMenu })));

export interface PortalPage {
  to: string;
  label: string;
  icon: Icon;
  /** Active only on this exact path (the dashboard), not below it. */
  end: boolean;
}

/**
 * The portal's page links. On a phone (below 48em) a tab bar fixed along the bottom of the
 * screen, each entry an equal share of its width, with a More menu from the sixth page on;
 * wider screens show every page as a tab under the header.
 */
export function PortalNavigation({ pages }: { pages: PortalPage[] }) {
  const phone = useMediaQuery('(max-width: 47.99em)', undefined, { getInitialValueInEffect: false });
  const { bar, more } = phone ? splitForTabBar(pages) : { bar: pages, more: [] };
  return (
    <nav aria-label="Portal" className="portal-nav">
      {bar.map((page) => (
        <NavLink key={page.to} to={page.to} end={page.end} className="portal-nav-link">
          <page.icon size={20} aria-hidden="true" />
          <span className="portal-nav-label">{page.label}</span>
        </NavLink>
      ))}
      {more.length > 0 && (
        <Suspense fallback={null}>
          <MorePagesMenu pages={more} />
        </Suspense>
      )}
    </nav>
  );
}
