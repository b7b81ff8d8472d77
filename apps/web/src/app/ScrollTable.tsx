import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens. The scrolling region is focusable and
 * named, so a keyboard user can scroll it too (WCAG 2.1.1, 4.1.2): a longer language or a
 * narrower window is enough to make a table overflow, so every table gets this, not only the
 * ones that overflow today.
 */
export function ScrollTable({
  minWidth,
  label,
  children,
}: {
  minWidth: number;
  /** What the table lists, already translated: the region's accessible name. */
  label: string;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } }}
    >
      {children}
    </Table.ScrollContainer>
  );
}
