import type { ReactNode } from 'react';
import { Code } from '@mantine/core';
import type { FormatNode } from './whatsapp-format';

/** WhatsApp-formatted text as React elements (never HTML from the text). */
export function FormattedText({ nodes }: { nodes: readonly FormatNode[] }): ReactNode {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <span key={i}>{n.text}</span>;
      case 'mono':
        return <Code key={i}>{n.text}</Code>;
      case 'bold':
        return (
          <strong key={i}>
            <FormattedText nodes={n.children} />
          </strong>
        );
      case 'italic':
        return (
          <em key={i}>
            <FormattedText nodes={n.children} />
          </em>
        );
      case 'strike':
        return (
          <s key={i}>
            <FormattedText nodes={n.children} />
          </s>
        );
    }
  });
}
