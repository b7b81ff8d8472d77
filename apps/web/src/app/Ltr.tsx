import type { ReactNode } from 'react';

/**
 * Keeps numbers, phone numbers, codes and ids left-to-right inside right-to-left text,
 * isolated so they neither flip nor drag the punctuation around them.
 */
export function Ltr({ children }: { children: ReactNode }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/** Text whose direction is its own (a customer's message, a template body): `dir="auto"`. */
export function Auto({ children }: { children: ReactNode }) {
  return <bdi dir="auto">{children}</bdi>;
}
