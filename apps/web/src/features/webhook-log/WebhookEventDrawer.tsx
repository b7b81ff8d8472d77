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
  const event = useWebhookEvent(id);
  const replay = useReplayWebhookEvent();
  const e = event.data;
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="Webhook event">
      {event.isLoading && <Loader />}
      {e !== undefined && (
        <Stack data-testid="webhook-event-detail">
          <Group>
            <Badge color={statusColor[e.status]} variant="light">
              {e.status}
            </Badge>
            <Badge color="green" variant="outline">
              signature {e.signature}
            </Badge>
            <Text size="sm" c="dimmed">
              {new Date(e.receivedAt).toLocaleString()} · {e.field} · {e.itemCount} item
              {e.itemCount === 1 ? '' : 's'} · attempts {e.attempts}
            </Text>
          </Group>
          {e.error !== null && (
            <Alert color={e.status === 'failed' ? 'red' : 'yellow'} title="Processing note">
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
              Replay
            </Button>
            {replay.isSuccess && <Text size="sm">Replayed: {replay.data.status}</Text>}
            {replay.isError && (
              <Text size="sm" c="red">
                {replay.error.message}
              </Text>
            )}
          </Group>
          <ScrollArea.Autosize mah="70vh">
            <Code block data-testid="webhook-raw-json">
              {pretty(e.raw)}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Drawer>
  );
}
