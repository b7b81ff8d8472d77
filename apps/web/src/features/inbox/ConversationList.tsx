import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '@kiana/contracts';
import { Auto, Ltr } from '../../app/Ltr';
import { useLocale } from '../../i18n/locale-context';

/** The name a conversation is shown by: given name, profile name, username, then number. */
export function contactLabel(c: ConversationSummary['contact']): string {
  return c.name ?? c.profileName ?? c.username ?? c.phoneE164 ?? c.id;
}

/**
 * The conversations as a list box: up/down move the selection, enter opens it (the list
 * itself holds the focus, so a screen reader announces the active option).
 */
export function ConversationList({
  conversations,
  activeId,
  selectedIndex,
  onSelectIndex,
  onOpen,
}: {
  conversations: ConversationSummary[];
  activeId: string | null;
  selectedIndex: number;
  onSelectIndex: (index: number) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      onSelectIndex(Math.min(selectedIndex + 1, conversations.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      onSelectIndex(Math.max(selectedIndex - 1, 0));
    } else if (e.key === 'Enter') {
      const c = conversations[selectedIndex];
      if (c !== undefined) onOpen(c.id);
    }
  };
  if (conversations.length === 0) return <Text c="dimmed">{t('inbox.empty')}</Text>;
  return (
    <Stack
      gap={4}
      role="listbox"
      tabIndex={0}
      aria-label={t('inbox.conversations')}
      aria-activedescendant={
        conversations[selectedIndex] === undefined
          ? undefined
          : `conversation-${conversations[selectedIndex].id}`
      }
      onKeyDown={onKeyDown}
      data-testid="conversation-list"
    >
      {conversations.map((c, index) => (
        <UnstyledButton
          key={c.id}
          id={`conversation-${c.id}`}
          role="option"
          tabIndex={-1}
          aria-selected={index === selectedIndex}
          onClick={() => {
            onSelectIndex(index);
            onOpen(c.id);
          }}
          p="xs"
          style={{
            borderRadius: 6,
            background:
              c.id === activeId
                ? 'var(--mantine-primary-color-light)'
                : index === selectedIndex
                  ? 'var(--mantine-color-default-hover)'
                  : undefined,
          }}
          data-testid="conversation-item"
        >
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fw={c.unreadCount > 0 ? 700 : 500} size="sm" truncate>
              <Auto>{contactLabel(c.contact)}</Auto>
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {fmt.relative(c.lastMessageAt)}
            </Text>
          </Group>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" c="dimmed" truncate>
              {c.lastMessage === null ? (
                ''
              ) : c.lastMessage.kind === 'note' ? (
                t('inbox.notePreview')
              ) : (
                <Auto>{c.lastMessage.text ?? t(`inbox.type.${typeKey(c.lastMessage.type)}`)}</Auto>
              )}
            </Text>
            <Group gap={4} wrap="nowrap">
              {c.state !== 'open' && (
                <Badge size="xs" variant="light" color="gray">
                  {t(`inbox.state.${c.state}`)}
                </Badge>
              )}
              {c.unreadCount > 0 && (
                <Badge size="sm" circle aria-label={t('inbox.unread', { count: c.unreadCount })}>
                  <Ltr>{c.unreadCount}</Ltr>
                </Badge>
              )}
            </Group>
          </Group>
        </UnstyledButton>
      ))}
    </Stack>
  );
}

const knownTypes = [
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'template',
  'order',
] as const;
export type KnownType = (typeof knownTypes)[number] | 'other';

/** A message type the catalogue names, or `other`. */
export function typeKey(type: string): KnownType {
  return (knownTypes as readonly string[]).includes(type) ? (type as KnownType) : 'other';
}
