import { Card, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';

/** Sections of Settings (keys of `settings.sections`); each feature adds its page under `/settings/…`. */
const settingsSections = [
  { path: '/settings/whatsapp', key: 'whatsapp' },
  { path: '/settings/users', key: 'users' },
  { path: '/settings/api-keys', key: 'apiKeys' },
  { path: '/settings/campaigns', key: 'campaigns' },
  { path: '/settings/webhooks', key: 'outgoingWebhooks' },
  { path: '/settings/canned-replies', key: 'cannedReplies' },
  { path: '/settings/inbox', key: 'inbox' },
  { path: '/settings/automations', key: 'automations' },
  { path: '/settings/metrics', key: 'metrics' },
  { path: '/privacy/legal', key: 'legal' },
  { path: '/privacy/retention', key: 'retention' },
] as const;

/** The Settings hub: links to each settings page. */
export function SettingsHubPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {settingsSections.map((s) => (
          <Card key={s.path} withBorder component={Link} to={s.path}>
            <Text fw={600}>{t(`settings.sections.${s.key}.title`)}</Text>
            <Text size="sm" c="dimmed">
              {t(`settings.sections.${s.key}.description`)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
