import type { Me } from '@glowdesk/contracts';
import { createContext, useContext, type ReactNode } from 'react';

const SessionContext = createContext<Me | null>(null);

export function SessionProvider({ session, children }: { session: Me; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in staff member and practice; only inside the signed-in layout. */
export function useSession(): Me {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in layout.');
  return session;
}
