import { createContext, useContext } from 'react';
import type { Permission, SessionState } from '@kiana/contracts';

/** The signed-in session as the pages see it. */
export type SignedInSession = Extract<SessionState, { authenticated: true }>;

interface SessionContextValue {
  session: SignedInSession;
  /** Re-reads the session from the server (after a change of password, 2FA, role). */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** The current session; only valid inside the AuthGate. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside the AuthGate');
  return value;
}

/** True when the signed-in user holds the permission (hides what the server would refuse). */
export function useCan(permission: Permission): boolean {
  const value = useContext(SessionContext);
  return value?.session.permissions.includes(permission) ?? false;
}
