import { Card, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useInboxSettings, useSaveInboxSettings } from './inbox-settings.api';

/** Settings → Inbox: whether customers see the blue ticks and "typing…". */
export function InboxSettingsPage() {
  const { t } = useTranslation();
  const settings = useInboxSettings();
  const save = useSaveInboxSettings();
  return (
    <>
      <PageHeader title={t('inbox.settings.title')} description={t('inbox.settings.description')} />
      <Card withBorder maw={640}>
        <Stack gap="xs">
          <Switch
            label={t('inbox.settings.readReceipts')}
            description={t('inbox.settings.readReceiptsHelp')}
            checked={settings.data?.readReceipts ?? false}
            disabled={settings.data === undefined || save.isPending}
            onChange={(e) => save.mutate({ readReceipts: e.currentTarget.checked })}
          />
          {save.isSuccess && (
            <Text size="sm" c="teal" role="status">
              {t('inbox.settings.saved')}
            </Text>
          )}
          <ApiErrorAlert error={settings.error ?? save.error} />
        </Stack>
      </Card>
    </>
  );
}
