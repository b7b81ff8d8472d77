import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { cannedPlaceholders, type CannedReply } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { ScrollTable } from '../../app/ScrollTable';
import { useCannedReplies, useCannedReplyActions } from './canned-replies.api';

/** Settings → Canned replies: the answers agents insert in the inbox by typing `/`. */
export function CannedRepliesPage() {
  const { t } = useTranslation();
  const list = useCannedReplies();
  const actions = useCannedReplyActions();
  const [editing, setEditing] = useState<CannedReply | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const reset = () => {
    setEditing(null);
    setShortcut('');
    setText('');
  };
  const save = actions[editing === null ? 'create' : 'update'];
  const submit = () => {
    const body = { shortcut: shortcut.replace(/^\//, ''), text };
    if (editing === null) actions.create.mutate(body, { onSuccess: reset });
    else actions.update.mutate({ id: editing.id, ...body }, { onSuccess: reset });
  };
  return (
    <>
      <PageHeader
        title={t('cannedReplies.title')}
        description={t('cannedReplies.description', {
          placeholders: cannedPlaceholders.join(', '),
          interpolation: { escapeValue: false },
        })}
      />
      <Stack>
        <Card withBorder>
          <Stack gap="xs">
            <TextInput
              label={t('cannedReplies.shortcut')}
              description={t('cannedReplies.shortcutHelp')}
              leftSection="/"
              value={shortcut}
              onChange={(e) => setShortcut(e.currentTarget.value)}
              maxLength={32}
              dir="auto"
            />
            <Textarea
              label={t('cannedReplies.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={4096}
            />
            <ApiErrorAlert error={save.error} />
            <Group justify="flex-end">
              {editing !== null && (
                <Button variant="default" onClick={reset}>
                  {t('cannedReplies.cancel')}
                </Button>
              )}
              <Button
                onClick={submit}
                loading={save.isPending}
                disabled={shortcut.trim() === '' || text.trim() === ''}
              >
                {editing === null ? t('cannedReplies.add') : t('cannedReplies.save')}
              </Button>
            </Group>
          </Stack>
        </Card>
        <ApiErrorAlert error={list.error} />
        {list.data?.length === 0 ? (
          <Text c="dimmed">{t('cannedReplies.empty')}</Text>
        ) : (
          <ScrollTable minWidth={600} label={t('cannedReplies.title')}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cannedReplies.shortcut')}</Table.Th>
                  <Table.Th>{t('cannedReplies.text')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(list.data ?? []).map((c) => (
                  <Table.Tr key={c.id} data-testid="canned-row">
                    <Table.Td>
                      <bdi>/{c.shortcut}</bdi>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      <bdi>{c.text}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('cannedReplies.edit', { shortcut: c.shortcut })}
                          onClick={() => {
                            setEditing(c);
                            setShortcut(c.shortcut);
                            setText(c.text);
                          }}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('cannedReplies.delete', { shortcut: c.shortcut })}
                          onClick={() => actions.remove.mutate(c.id, { onError: notifyApiError })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </>
  );
}
