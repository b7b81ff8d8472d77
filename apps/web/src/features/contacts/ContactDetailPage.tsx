import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ContactDetail } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { PageHeader } from '../../app/PageHeader';
import { ScrollTable } from '../../app/ScrollTable';
import { useLocale } from '../../i18n/locale-context';
import { useCan } from '../auth/session';
import { useContact, useDeleteContact } from './contacts.api';
import { consentColor, countryName, displayName } from './contacts.format';
import { ConsentHistory } from './ConsentHistory';
import { ContactFormModal } from './ContactFormModal';
import { TagBadges } from './TagBadges';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** One contact: who they are, consent, tags, attributes and their latest messages. */
export function ContactDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const contact = useContact(id);
  if (contact.error !== null) return <ApiErrorAlert error={contact.error} />;
  if (contact.data === undefined) return <Loader aria-label={t('common.loading')} />;
  return <ContactView contact={contact.data} />;
}

function ContactView({ contact: c }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const { fmt, settings } = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('contacts.manage');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [suppress, setSuppress] = useState(false);
  const remove = useDeleteContact();
  const when = (ms: number | null) => (ms === null ? t('common.never') : fmt.dateTime(ms));
  return (
    <>
      <PageHeader
        title={displayName(c) ?? t('common.unknown')}
        description={t('contacts.detailDescription')}
        actions={
          <Group>
            <Anchor component={Link} to="/contacts" size="sm">
              {t('contacts.back')}
            </Anchor>
            {canManage && (
              <>
                <Button
                  variant="default"
                  onClick={() => setEditing(true)}
                  data-testid="edit-contact"
                >
                  {t('common.edit')}
                </Button>
                <Button
                  color="red"
                  variant="light"
                  onClick={() => setDeleting(true)}
                  data-testid="delete-contact"
                >
                  {t('contacts.delete')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Stack data-testid="contact-detail">
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Fact label={t('contacts.phone')}>
              <Ltr>{c.phoneE164 ?? '—'}</Ltr>
            </Fact>
            <Fact label={t('contacts.waId')}>
              <Ltr>{c.waId ?? '—'}</Ltr>
            </Fact>
            <Fact label={t('contacts.username')}>
              <Ltr>{c.username ?? '—'}</Ltr>
            </Fact>
            <Fact label={t('contacts.userId')}>
              <Ltr>{c.userId ?? '—'}</Ltr>
            </Fact>
            <Fact label={t('contacts.country')}>
              {c.country === null ? '—' : countryName(c.country, settings.language)}
            </Fact>
            <Fact label={t('contacts.language')}>
              <Ltr>{c.language ?? '—'}</Ltr>
            </Fact>
            <Fact label={t('contacts.created')}>{fmt.dateTime(c.createdAt)}</Fact>
            <Fact label={t('contacts.lastInbound')}>{when(c.lastInboundAt)}</Fact>
          </SimpleGrid>
        </Card>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {t('contacts.consent')}
            </Title>
            <Group>
              <Badge
                color={consentColor[c.marketingConsent]}
                variant="light"
                data-testid="contact-consent"
              >
                {t(`contacts.consentStates.${c.marketingConsent}`)}
              </Badge>
              {c.consentChangedAt !== null && (
                <Text size="sm" c="dimmed">
                  {t('contacts.consentSince', { when: fmt.dateTime(c.consentChangedAt) })}
                </Text>
              )}
            </Group>
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {t('contacts.tags')}
            </Title>
            {c.tags.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('contacts.noTags')}
              </Text>
            ) : (
              <TagBadges tags={c.tags} />
            )}
          </Card>
        </SimpleGrid>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('consentHistory.title')}
          </Title>
          <ConsentHistory contactId={c.id} />
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('contacts.attributes')}
          </Title>
          {Object.keys(c.attributes).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contacts.noAttributes')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              {Object.entries(c.attributes).map(([key, value]) => (
                <Fact key={key} label={key}>
                  <bdi>{value === null ? '—' : String(value)}</bdi>
                </Fact>
              ))}
            </SimpleGrid>
          )}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('contacts.messages', { count: c.messageCount })}
          </Title>
          {c.recentMessages.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contacts.noMessages')}
            </Text>
          ) : (
            <ScrollTable minWidth={600} label={t('contacts.recentMessages')}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('securityLog.time')}</Table.Th>
                    <Table.Th>{t('contacts.direction')}</Table.Th>
                    <Table.Th>{t('contacts.message')}</Table.Th>
                    <Table.Th>{t('apiKeys.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.recentMessages.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>{fmt.dateTime(m.createdAt)}</Table.Td>
                      <Table.Td>{t(`contacts.directions.${m.direction}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2} dir="auto">
                          {m.text ?? m.type}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Ltr>{m.status ?? '—'}</Ltr>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('contacts.campaigns')}
          </Title>
          {c.campaigns.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contacts.noCampaigns')}
            </Text>
          ) : (
            <Stack gap={4}>
              {c.campaigns.map((campaign) => (
                <Text key={campaign.id} size="sm">
                  <bdi>{campaign.name}</bdi> · {fmt.dateTime(campaign.sentAt)}
                </Text>
              ))}
            </Stack>
          )}
        </Card>
      </Stack>
      <ContactFormModal opened={editing} onClose={() => setEditing(false)} contact={c} />
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('contacts.deleteTitle', { count: 1 })}
      >
        <Text size="sm">{t('contacts.deleteBody')}</Text>
        <Checkbox
          mt="md"
          label={t('contacts.suppress')}
          checked={suppress}
          onChange={(e) => setSuppress(e.currentTarget.checked)}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(
                { id: c.id, suppress },
                {
                  onSuccess: () => void navigate('/contacts'),
                  onError: notifyApiError,
                },
              )
            }
            data-testid="confirm-delete"
          >
            {t('contacts.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
