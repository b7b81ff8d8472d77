import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { outgoingEventTypes, type OutgoingEventType, type WebhookEndpoint } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { SecretShownOnce } from '../../app/SecretShownOnce';
import { integrationsApi } from './integrations.api';

/** The events an admin may subscribe to (the ping is sent on demand, to every endpoint). */
export const subscribableEvents = outgoingEventTypes.filter((e) => e !== 'endpoint.ping');

/** Creates an endpoint (its secret is shown once) or edits one's URL, description and events. */
export function EndpointModal({
  endpoint,
  opened,
  onClose,
}: {
  /** The endpoint to edit; null to create one. */
  endpoint: WebhookEndpoint | null;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<string[]>(
    endpoint?.events ?? ['message.received', 'message.status'],
  );
  const [secret, setSecret] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        url: url.trim(),
        description: description.trim() === '' ? null : description.trim(),
        events: events as OutgoingEventType[],
      };
      if (endpoint === null) setSecret((await integrationsApi.create(body)).secret);
      else await integrationsApi.update(endpoint.id, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['integrations'] });
      if (endpoint !== null) onClose();
    },
  });
  const close = () => {
    setSecret(undefined);
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={
        endpoint === null ? t('outgoingWebhooks.newEndpoint') : t('outgoingWebhooks.editEndpoint')
      }
      size="lg"
    >
      {secret === undefined ? (
        <Stack>
          <ApiErrorAlert error={save.error} />
          <TextInput
            label={t('outgoingWebhooks.url')}
            description={t('outgoingWebhooks.urlHint')}
            dir="ltr"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <TextInput
            label={t('outgoingWebhooks.descriptionLabel')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Checkbox.Group label={t('outgoingWebhooks.events')} value={events} onChange={setEvents}>
            <Stack gap={6} mt={6}>
              {subscribableEvents.map((e) => (
                <Checkbox
                  key={e}
                  value={e}
                  label={`${t(`outgoingWebhooks.eventNames.${e}`)} (${e})`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button
            loading={save.isPending}
            disabled={url.trim() === '' || events.length === 0}
            onClick={() => save.mutate()}
          >
            {endpoint === null ? t('outgoingWebhooks.create') : t('common.save')}
          </Button>
        </Stack>
      ) : (
        <SecretShownOnce
          title={t('outgoingWebhooks.copySecret')}
          notice={t('outgoingWebhooks.secretShownOnce')}
          secret={secret}
          testId="new-webhook-secret"
          doneLabel={t('outgoingWebhooks.done')}
          onDone={close}
        />
      )}
    </Modal>
  );
}
