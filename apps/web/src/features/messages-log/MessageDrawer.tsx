import { Code, Drawer, Loader, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { FailureReason } from '../../app/FailureReason';
import { Ltr } from '../../app/Ltr';
import { useFormat } from '../../i18n/locale-context';
import { useMessage } from './messages-log.api';

/** One message: its facts, its status history, the failure explained, the raw payload. */
export function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const message = useMessage(id);
  const m = message.data;
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('messagesLog.detail')}
    >
      {message.isLoading && <Loader size="sm" />}
      <ApiErrorAlert error={message.error} />
      {m !== undefined && (
        <Stack data-testid="message-detail">
          <Text size="sm">
            <Ltr>{m.contactPhone ?? m.contactId}</Ltr> ·{' '}
            {t(`messagesLog.directions.${m.direction}`)} · <Ltr>{m.templateName ?? m.type}</Ltr>
          </Text>
          {m.text !== null && (
            <Text size="sm" dir="auto">
              {m.text}
            </Text>
          )}
          {m.errorCode !== null && <FailureReason code={m.errorCode} />}
          <Title order={3} size="h5">
            {t('messagesLog.history')}
          </Title>
          <Table>
            <Table.Tbody>
              {m.history.map((h) => (
                <Table.Tr key={`${h.status}-${h.at}`}>
                  <Table.Td>{t(`messagesLog.steps.${h.status as 'sent'}`)}</Table.Td>
                  <Table.Td>{fmt.dateTime(h.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h5">
            {t('messagesLog.payload')}
          </Title>
          {/* A real template payload is wider than the drawer: keyboard-reachable and named (WCAG 2.1.1). */}
          <ScrollArea.Autosize
            mah={360}
            viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('messagesLog.payload') }}
          >
            <Code block dir="ltr">
              {JSON.stringify(m.payload, null, 2)}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Drawer>
  );
}
