import { Card, SimpleGrid, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';

/** Sections of Settings; each feature adds its own page under `/settings/…`. */
export const settingsSections: { path: string; title: string; description: string }[] = [
  {
    path: '/settings/whatsapp',
    title: 'WhatsApp',
    description: 'Business accounts, phone numbers, health and webhooks.',
  },
  {
    path: '/settings/users',
    title: 'Users',
    description: 'People who use the panel and their roles.',
  },
  {
    path: '/settings/api-keys',
    title: 'API keys',
    description: 'Keys for integrations, scoped and revocable.',
  },
  {
    path: '/privacy/legal',
    title: 'Legal pages',
    description: 'Company details, privacy policy, terms, data deletion and support pages.',
  },
  {
    path: '/privacy/retention',
    title: 'Retention',
    description: 'How long each kind of data is kept, and the daily purge.',
  },
];

/** The Settings hub: links to each settings page. */
export function SettingsHubPage() {
  return (
    <>
      <PageHeader title="Settings" description="WhatsApp accounts, users and policies." />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {settingsSections.map((s) => (
          <Card key={s.path} withBorder component={Link} to={s.path}>
            <Text fw={600}>{s.title}</Text>
            <Text size="sm" c="dimmed">
              {s.description}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
