import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InboxMessage } from '@kiana/contracts';
import { Auto, Ltr } from '../../app/Ltr';
import { FailureReason } from '../../app/FailureReason';
import { useLocale } from '../../i18n/locale-context';
import { typeKey } from './ConversationList';

/** The delivery state of an outgoing message as ticks, named for screen readers. */
function Ticks({ status }: { status: InboxMessage['status'] }) {
  const { t } = useTranslation();
  const marks: Record<string, string> = {
    pending: '🕓',
    sent: '✓',
    delivered: '✓✓',
    read: '✓✓',
    played: '✓✓',
    failed: '⚠',
  };
  const key = status === 'received' ? 'sent' : status;
  return (
    <Text
      size="xs"
      c={status === 'read' || status === 'played' ? 'blue' : status === 'failed' ? 'red' : 'dimmed'}
      data-testid="ticks"
      data-status={status}
      aria-label={t(`inbox.status.${key}`)}
      title={t(`inbox.status.${key}`)}
    >
      {marks[status] ?? ''} {t(`inbox.status.${key}`)}
    </Text>
  );
}

/** The media of a message, from our own store; shown as a file link until it is downloaded. */
function Media({ m }: { m: InboxMessage }) {
  const { t } = useTranslation();
  const url = m.media?.url ?? null;
  if (url === null)
    return m.media === null ? null : (
      <Text size="xs" c="dimmed">
        {t('inbox.mediaPending')}
      </Text>
    );
  const mime = m.media?.mimeType ?? '';
  if (m.type === 'image' || m.type === 'sticker' || mime.startsWith('image/'))
    return (
      <img
        src={url}
        alt={m.type === 'sticker' ? t('inbox.type.sticker') : (m.text ?? t('inbox.type.image'))}
        style={{ maxWidth: 240, maxHeight: 240, borderRadius: 6 }}
      />
    );
  if (m.type === 'video') return <video src={url} controls style={{ maxWidth: 260 }} />;
  if (m.type === 'audio') return <audio src={url} controls />;
  return (
    <Anchor href={url} download={m.filename ?? undefined} size="sm">
      {m.filename ?? t('inbox.type.document')}
    </Anchor>
  );
}

/** What the message says: text as text (never HTML), a place, shared contacts, a template. */
function Body({ m }: { m: InboxMessage }) {
  const { t } = useTranslation();
  if (m.location !== null)
    return (
      <Stack gap={0}>
        <Text size="sm">{m.location.name ?? t('inbox.type.location')}</Text>
        {m.location.address !== null && <Text size="xs">{m.location.address}</Text>}
        <Text size="xs" c="dimmed">
          <Ltr>
            {m.location.latitude}, {m.location.longitude}
          </Ltr>
        </Text>
      </Stack>
    );
  if (m.type === 'contacts')
    return (
      <Stack gap={0}>
        {m.contacts.map((c, i) => (
          <Text size="sm" key={i}>
            <Auto>{c.name}</Auto> <Ltr>{c.phones.join(', ')}</Ltr>
          </Text>
        ))}
      </Stack>
    );
  if (m.type === 'template')
    return (
      <Text size="sm">
        {t('inbox.templateSent')}: <Ltr>{m.text ?? ''}</Ltr>
      </Text>
    );
  const tapped = m.type === 'button' || m.type === 'interactive';
  if (m.text === null || m.text === '')
    return m.media === null ? <Text size="sm">{t(`inbox.type.${typeKey(m.type)}`)}</Text> : null;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {tapped && `${t('inbox.tapped')}: `}
      <Auto>{m.text}</Auto>
    </Text>
  );
}

const quickReactions = ['👍', '❤️', '😂', '😮', '🙏'];

/** The agent's reaction: a few emoji in a menu; choosing the current one removes it. */
function ReactMenu({ m, onReact }: { m: InboxMessage; onReact: (emoji: string) => void }) {
  const { t } = useTranslation();
  const mine = m.reactions.find((r) => r.direction === 'out')?.emoji;
  return (
    <Menu position="top" withinPortal>
      <Menu.Target>
        <ActionIcon size="sm" variant="subtle" aria-label={t('inbox.composer.react')}>
          <IconMoodSmile size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Group gap={2}>
          {quickReactions.map((emoji) => (
            <Menu.Item
              key={emoji}
              px={6}
              aria-label={t('inbox.composer.reactWith', { emoji })}
              onClick={() => onReact(emoji === mine ? '' : emoji)}
            >
              {emoji}
            </Menu.Item>
          ))}
        </Group>
      </Menu.Dropdown>
    </Menu>
  );
}

const automationNames = [
  'away_reply',
  'welcome_reply',
  'keyword_reply',
  'auto_assign',
  'auto_close',
] as const;
/** An automation's note holds its name; an unknown one reads as "automation". */
const automationKey = (text: string | null): (typeof automationNames)[number] | 'other' =>
  automationNames.find((n) => n === text) ?? 'other';

/** One message of a thread: in (start side), out (end side) or the team's note. */
export function MessageBubble({
  m,
  onRetry,
  onReply,
  onReact,
}: {
  m: InboxMessage;
  onRetry: (id: string) => void;
  onReply: (m: InboxMessage) => void;
  /** Absent when the agent may not react (no reply permission, or the window is closed). */
  onReact?: ((m: InboxMessage, emoji: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const out = m.direction === 'out';
  const note = m.kind === 'note';
  return (
    <Group
      justify={out ? 'flex-end' : 'flex-start'}
      data-testid="message"
      data-direction={m.direction}
      data-kind={m.kind}
    >
      <Paper
        p="xs"
        radius="md"
        withBorder
        maw="75%"
        bg={
          note
            ? 'var(--mantine-color-yellow-light)'
            : out
              ? 'var(--mantine-primary-color-light)'
              : undefined
        }
      >
        <Stack gap={4}>
          {note && (
            <Badge size="xs" color="yellow" variant="light">
              {t('inbox.note')}
            </Badge>
          )}
          {m.campaignId !== null && (
            <Badge size="xs" variant="light">
              {t('inbox.fromCampaign')}
            </Badge>
          )}
          {m.replyTo !== null && (
            <Paper p={4} withBorder style={{ borderInlineStartWidth: 3 }}>
              <Text size="xs" c="dimmed" lineClamp={2}>
                <Auto>{m.replyTo.text ?? t(`inbox.type.${typeKey(m.replyTo.type)}`)}</Auto>
              </Text>
            </Paper>
          )}
          <Media m={m} />
          {note && m.type === 'automation' ? (
            <Text size="sm" data-testid="automation-note">
              {t('inbox.automationFired', {
                name: t(`automations.names.${automationKey(m.text)}`),
              })}
            </Text>
          ) : (
            <Body m={m} />
          )}
          {m.reactions.length > 0 && (
            <Text size="sm" aria-label={t('inbox.reactions')}>
              {m.reactions.map((r) => r.emoji).join(' ')}
            </Text>
          )}
          <Group gap="xs" justify="flex-end">
            {/* Dimmed text is too faint on the note's yellow in the dark scheme. */}
            <Text size="xs" c={note ? undefined : 'dimmed'}>
              {fmt.time(m.createdAt)}
            </Text>
            {out && !note && <Ticks status={m.status} />}
            {!note && m.wamid !== null && onReact !== undefined && (
              <ReactMenu m={m} onReact={(emoji) => onReact(m, emoji)} />
            )}
            {!out && m.wamid !== null && (
              <Button size="compact-xs" variant="subtle" onClick={() => onReply(m)}>
                {t('inbox.replyTo')}
              </Button>
            )}
          </Group>
          {m.status === 'failed' && (
            <Stack gap={4}>
              {m.error !== null ? (
                <FailureReason code={m.error.code} compact />
              ) : (
                <Text size="xs" c="red">
                  {t('inbox.failedNoCode')}
                </Text>
              )}
              {m.clientId !== null && (
                <Button size="compact-xs" variant="light" color="red" onClick={() => onRetry(m.id)}>
                  {t('inbox.retry')}
                </Button>
              )}
            </Stack>
          )}
        </Stack>
      </Paper>
    </Group>
  );
}
