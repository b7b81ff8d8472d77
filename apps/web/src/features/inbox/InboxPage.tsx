import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { typingEventSchema, type ConversationListQuery, type LiveEvent } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { useLiveEvents } from '../../app/data-table/useLiveEvents';
import { useCan, useSession } from '../auth/session';
import { AvailabilitySwitch } from './AvailabilitySwitch';
import { teamKey } from './team.api';
import { useTypingNotices } from './typing';
import { ConversationList } from './ConversationList';
import { ConversationSide } from './ConversationSide';
import { ThreadView } from './ThreadView';
import { useConversations, useThread } from './inbox.api';

/** Every event that may change the list or an open thread; the screens re-read on each. */
const liveEvents = [
  'messages.received',
  'messages.status',
  'messages.media',
  'conversations.changed',
  'conversations.message',
  'conversations.typing',
  'agents.availability',
] as const;

/** The shared inbox: the conversations, the open thread and the contact beside it. */
export function InboxPage() {
  const { t } = useTranslation();
  const canReply = useCan('conversations.reply');
  const client = useQueryClient();
  const [assigned, setAssigned] = useState<ConversationListQuery['assigned']>('all');
  const [state, setState] = useState<string>('open');
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [selectedIndex, setSelectedIndex] = useState(0);
  const list = useConversations({
    assigned,
    ...(state === 'all' ? {} : { state: state as ConversationListQuery['state'] }),
    ...(search === '' ? {} : { q: search }),
    limit: 50,
  });
  const { session } = useSession();
  const typing = useTypingNotices(session.user.id);
  const { connected } = useLiveEvents(liveEvents, (e: LiveEvent) => {
    // A teammate typing changes nothing stored: only the warning, never a refetch.
    if (e.name === 'conversations.typing') {
      const notice = typingEventSchema.safeParse(e.payload);
      if (notice.success) typing.onEvent(notice.data);
      return;
    }
    if (e.name === 'agents.availability') {
      void client.invalidateQueries({ queryKey: teamKey });
      return;
    }
    void client.invalidateQueries({ queryKey: ['conversations'] });
    void client.invalidateQueries({ queryKey: ['conversation'] });
  });
  const conversations = list.data?.conversations ?? [];
  // The open thread's own copy: it stays beside the thread when a filter hides it (closed).
  const active = useThread(activeId).data?.conversation;
  return (
    <>
      <PageHeader
        title={t('nav.inbox')}
        description={t('placeholder.inboxDescription')}
        actions={
          <Group gap="md">
            {canReply && <AvailabilitySwitch />}
            <Text size="xs" c={connected ? 'teal' : 'dimmed'} data-testid="live-state">
              {connected ? t('inbox.live') : t('inbox.offline')}
            </Text>
          </Group>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap="xs">
            <SegmentedControl
              size="xs"
              value={assigned}
              onChange={(v) => setAssigned(v as ConversationListQuery['assigned'])}
              data={[
                { value: 'all', label: t('inbox.filter.all') },
                { value: 'mine', label: t('inbox.filter.mine') },
                { value: 'unassigned', label: t('inbox.filter.unassigned') },
              ]}
              aria-label={t('inbox.filter.assigned')}
            />
            <Group gap="xs" grow>
              <Select
                size="xs"
                label={t('inbox.filter.state')}
                value={state}
                onChange={(v) => setState(v ?? 'open')}
                data={[
                  { value: 'open', label: t('inbox.state.open') },
                  { value: 'snoozed', label: t('inbox.state.snoozed') },
                  { value: 'closed', label: t('inbox.state.closed') },
                  { value: 'all', label: t('inbox.filter.all') },
                ]}
              />
            </Group>
            <TextInput
              size="xs"
              label={t('common.search')}
              placeholder={t('inbox.searchPlaceholder')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            <ApiErrorAlert error={list.error} />
            <ConversationList
              conversations={conversations}
              activeId={activeId}
              selectedIndex={selectedIndex}
              onSelectIndex={setSelectedIndex}
              onOpen={setActiveId}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {activeId === null ? (
            <Paper withBorder p="lg">
              <Text c="dimmed">{t('inbox.pick')}</Text>
            </Paper>
          ) : (
            <ThreadView
              key={activeId}
              id={activeId}
              canReply={canReply}
              typing={typing.of(activeId)}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          {active !== undefined && <ConversationSide c={active} canReply={canReply} />}
        </Grid.Col>
      </Grid>
    </>
  );
}
