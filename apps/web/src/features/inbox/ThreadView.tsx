import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, InboxMessage } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { useLocale } from '../../i18n/locale-context';
import { MessageBubble } from './MessageBubble';
import { TemplatePicker } from './TemplatePicker';
import { Composer } from './Composer';
import { useConversationActions, useThread } from './inbox.api';

const newClientId = () => crypto.randomUUID();

/** The 24-hour window: a countdown while open, a plain statement when closed. */
function WindowState({ c }: { c: ConversationSummary }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const open = c.window.expiresAt !== null && c.window.expiresAt > Date.now();
  return (
    <Text size="sm" c={open ? 'teal' : 'orange'} data-testid="window-state" data-open={open}>
      {open && c.window.expiresAt !== null
        ? t('inbox.windowOpen', { when: fmt.relative(c.window.expiresAt) })
        : t('inbox.windowClosed')}
    </Text>
  );
}

/** Teammates typing in this conversation: answer only after agreeing who does. */
function CollisionWarning({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  return (
    <Alert variant="light" color="yellow" role="status" data-testid="collision-warning">
      {names.length === 1
        ? t('inbox.collision.one', { name: names[0] })
        : t('inbox.collision.many', { names: names.join(', ') })}
    </Alert>
  );
}

/**
 * A conversation: its messages (newest last), the window and the way to answer, with a
 * warning while teammates (`typing`, their names) are answering it too.
 */
export function ThreadView({
  id,
  canReply,
  typing,
}: {
  id: string;
  canReply: boolean;
  typing: readonly string[];
}) {
  const { t } = useTranslation();
  const thread = useThread(id);
  const actions = useConversationActions(id);
  const [replyTo, setReplyTo] = useState<InboxMessage | null>(null);
  const [templateMode, setTemplateMode] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const count = thread.data?.messages.length ?? 0;
  // The thread scrolls to its newest message inside its own box; the page itself never
  // moves (scrollIntoView would scroll the window too, pushing the composer or an open
  // template menu off the screen whenever a message arrives).
  useEffect(() => {
    const box = scroller.current;
    if (box !== null) box.scrollTop = box.scrollHeight;
  }, [count]);
  const unread = thread.data?.conversation.unreadCount ?? 0;
  const { mutate: markRead } = actions.markRead;
  useEffect(() => {
    if (canReply && unread > 0) markRead();
  }, [canReply, unread, markRead]);
  if (thread.error !== null) return <ApiErrorAlert error={thread.error} />;
  if (thread.data === undefined) return <Text c="dimmed">{t('common.loading')}</Text>;
  const c = thread.data.conversation;
  return (
    <Stack gap="sm" h="100%">
      <WindowState c={c} />
      <Paper
        ref={scroller}
        withBorder
        p="sm"
        style={{ flex: 1, overflowY: 'auto', maxHeight: '60vh' }}
      >
        <Stack gap="xs" data-testid="thread">
          {thread.data.messages.map((m) => (
            <MessageBubble
              key={m.id}
              m={m}
              onRetry={(messageId) => actions.retry.mutate(messageId)}
              onReply={setReplyTo}
              onReact={
                canReply && c.window.open
                  ? (target, emoji) =>
                      actions.react.mutate({ messageId: target.id, emoji, clientId: newClientId() })
                  : undefined
              }
            />
          ))}
        </Stack>
      </Paper>
      <ApiErrorAlert error={actions.retry.error} />
      <ApiErrorAlert error={actions.react.error} />
      <CollisionWarning names={typing} />
      {canReply &&
        (c.window.open ? (
          <Stack gap="xs">
            <Group justify="flex-end">
              <Button size="compact-sm" variant="light" onClick={() => setTemplateMode((m) => !m)}>
                {templateMode ? t('inbox.composer.textMode') : t('inbox.composer.templateMode')}
              </Button>
            </Group>
            {templateMode ? (
              <TemplatePicker c={c} />
            ) : (
              <Composer c={c} replyTo={replyTo} onClearReply={() => setReplyTo(null)} />
            )}
          </Stack>
        ) : (
          <Alert variant="light" color="orange" title={t('inbox.windowClosed')}>
            <Text size="sm" mb="xs">
              {t('inbox.windowClosedHelp')}
            </Text>
            <TemplatePicker c={c} />
          </Alert>
        ))}
    </Stack>
  );
}
