import type { ReactNode } from 'react';

/**
 * The one-column page of the signed-out screens: the whole screen on a phone, a card in the
 * middle of the page on anything wider (portal.css).
 */
export function CenteredCard({ children }: { children: ReactNode }) {
  return (
    <main className="portal-centered">
      <div className="portal-centered-card">{children}</div>
    </main>
  );
}
