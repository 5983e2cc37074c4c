import type { PortalPractice } from '@glowdesk/contracts';
import { createContext, useContext, useEffect } from 'react';

export const CurrentPracticeContext = createContext<PortalPractice | undefined>(undefined);

/** The practice whose portal this is; only pages inside PortalFrame ask for it. */
export function useCurrentPractice(): PortalPractice {
  const practice = useContext(CurrentPracticeContext);
  if (!practice) throw new Error('useCurrentPractice is used outside PortalFrame.');
  return practice;
}

/** The browser tab says which page of which clinic's portal is open. */
export function usePageTitle(page: string): void {
  const practice = useContext(CurrentPracticeContext);
  useEffect(() => {
    document.title = practice ? `${page} · ${practice.name}` : page;
  }, [page, practice]);
}
