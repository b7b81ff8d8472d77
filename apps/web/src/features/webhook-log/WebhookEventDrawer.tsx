import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { useLocale } from '../../i18n/locale-context';
import {
  Alert,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useReplayWebhookEvent, useWebhookEvent } from './webhook-log.api';
import { statusColor } from './webhook-log.format';

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Stored as received: a body that is not JSON is shown as it came.
    return raw;
  }
}

/** One webhook event: its facts, the raw JSON as Meta sent it, and replay. */
export function WebhookEventDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { fmt, dir } = useLocale();
  const event = useWebhookEvent(id);
  const replay = useReplayWebhookEvent();
  const e = event.data;
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={id !== null}
      onClose={onClose}
      position={dir === 'rtl' ? 'left' : 'right'}
      size="xl"
      title={t('webhookLog.event')}
    >
      {event.isLoading && <Loader aria-label={t('common.loading')} />}
      {e !== undefined && (
        <Stack data-testid="webhook-event-detail">
          <Group>
            <Badge color={statusColor[e.status]} variant="light">
              {t(`webhookLog.statuses.${e.status}`)}
            </Badge>
            <Badge color="green" variant="outline">
              {t('webhookLog.signatureIs', { value: t(`webhookLog.signatures.${e.signature}`) })}
            </Badge>
            <Text size="sm" c="dimmed">
              {fmt.dateTime(e.receivedAt)} · <Ltr>{e.field}</Ltr> ·{' '}
              {t('webhookLog.itemCount', { count: e.itemCount })} ·{' '}
              {t('webhookLog.attempts', { count: e.attempts })}
            </Text>
          </Group>
          {e.error !== null && (
            <Alert
              dir="auto"
              color={e.status === 'failed' ? 'red' : 'yellow'}
              title={t('webhookLog.note')}
            >
              {e.error}
            </Alert>
          )}
          <Group>
            <Button
              onClick={() => replay.mutate(e.id)}
              loading={replay.isPending}
              variant="light"
              data-testid="replay-webhook"
            >
              {t('webhookLog.replay')}
            </Button>
            {replay.isSuccess && (
              <Text size="sm">
                {t('webhookLog.replayed', {
                  status: t(`webhookLog.statuses.${replay.data.status}`),
                })}
              </Text>
            )}
            {replay.isError && (
              <Text size="sm" c="red">
                {apiErrorMessage(replay.error, t)}
              </Text>
            )}
          </Group>
          {/* A scrolling region must be reachable by keyboard and named (WCAG 2.1.1, 4.1.2). */}
          <ScrollArea.Autosize
            mah="70vh"
            viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('webhookLog.rawJson') }}
          >
            <Code block data-testid="webhook-raw-json" dir="ltr">
              {pretty(e.raw)}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Drawer>
  );
}
