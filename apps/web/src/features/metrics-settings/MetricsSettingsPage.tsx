import {
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { PageHeader } from '../../app/PageHeader';
import {
  useClearToken,
  useMetricsSettings,
  useRotateToken,
  useSaveAllowList,
} from './metrics-settings.api';

/** Settings → Metrics: the Prometheus scrape token (shown once) and the address allow-list. */
export function MetricsSettingsPage() {
  const { t } = useTranslation();
  const settings = useMetricsSettings();
  const rotate = useRotateToken();
  const clear = useClearToken();
  const save = useSaveAllowList();
  const [allowList, setAllowList] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const loaded = settings.data;
  useEffect(() => {
    if (loaded !== undefined) setAllowList(loaded.allowList.join('\n'));
  }, [loaded]);
  if (loaded === undefined) return <ApiErrorAlert error={settings.error} />;
  const entries = allowList
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return (
    <>
      <PageHeader
        title={t('metricsSettings.title')}
        description={t('metricsSettings.description')}
      />
      <Stack maw={720}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('metricsSettings.token')}
          </Title>
          <Text size="sm" mb="sm" data-testid="metrics-token-state">
            {loaded.token.isSet
              ? t('metricsSettings.tokenSet', { hint: loaded.token.hint ?? '' })
              : t('metricsSettings.tokenUnset')}
          </Text>
          {token !== null && (
            <Alert color="green" title={t('metricsSettings.copyNow')} mb="sm">
              <Group>
                <Code data-testid="metrics-token">
                  <Ltr>{token}</Ltr>
                </Code>
                <CopyButton value={token}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="default" onClick={copy}>
                      {copied ? t('metricsSettings.copied') : t('metricsSettings.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Alert>
          )}
          {rotate.error !== null && <ApiErrorAlert error={rotate.error} />}
          <Group>
            <Button
              loading={rotate.isPending}
              onClick={() => rotate.mutate(undefined, { onSuccess: (r) => setToken(r.token) })}
              data-testid="metrics-rotate"
            >
              {loaded.token.isSet ? t('metricsSettings.rotate') : t('metricsSettings.create')}
            </Button>
            {loaded.token.isSet && (
              <Button
                variant="default"
                color="red"
                loading={clear.isPending}
                onClick={() => clear.mutate(undefined, { onSuccess: () => setToken(null) })}
              >
                {t('metricsSettings.remove')}
              </Button>
            )}
          </Group>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('metricsSettings.allowList')}
          </Title>
          <Textarea
            label={t('metricsSettings.allowListLabel')}
            description={t('metricsSettings.allowListHint')}
            autosize
            minRows={3}
            value={allowList}
            onChange={(e) => setAllowList(e.currentTarget.value)}
            dir="ltr"
            data-testid="metrics-allow-list"
          />
          {save.error !== null && <ApiErrorAlert error={save.error} />}
          <Group mt="sm">
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(entries, {
                  onSuccess: () =>
                    notifications.show({ message: t('metricsSettings.saved'), color: 'green' }),
                })
              }
              data-testid="metrics-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Card>
      </Stack>
    </>
  );
}
