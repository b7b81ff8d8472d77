import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/locale-context';
import {
  templateLanguageName,
  templateLanguageOptions,
  templateLanguageTag,
} from './template-languages';
import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import type { TemplateDto } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { useAccountActions, useAccounts } from '../accounts/accounts.api';
import { TemplatePreview } from './TemplatePreview';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useTemplateActions, useTemplates } from './templates.api';

const statusColor: Record<string, string> = {
  APPROVED: 'green',
  PENDING: 'blue',
  REJECTED: 'red',
  PAUSED: 'orange',
  DISABLED: 'gray',
};
const statuses = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED'] as const;
const categories = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
type Status = (typeof statuses)[number];
type Category = (typeof categories)[number];

/** Templates: list with filters, sync, WhatsApp-style preview, duplicate and delete. */
export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const { dir } = useLocale();
  const languageOptions = useMemo(() => templateLanguageOptions(i18n.language), [i18n.language]);
  const statusLabel = (s: string): string =>
    (statuses as readonly string[]).includes(s) ? t(`templates.statuses.${s as Status}`) : s;
  const categoryLabel = (c: string): string =>
    (categories as readonly string[]).includes(c) ? t(`templates.categories.${c as Category}`) : c;
  const accounts = useAccounts();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [language, setLanguage] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<TemplateDto | null>(null);
  const [copyLanguage, setCopyLanguage] = useState('');
  const account = accountId ?? accounts.data?.[0]?.id ?? null;
  const templates = useTemplates({
    ...(account === null ? {} : { accountId: account }),
    ...(status === null ? {} : { status }),
    ...(category === null ? {} : { category }),
    ...(language === '' ? {} : { language }),
    ...(search === '' ? {} : { search }),
  });
  const accountActions = useAccountActions();
  const actions = useTemplateActions();
  const fail = notifyApiError;

  return (
    <>
      <PageHeader
        title={t('nav.templates')}
        description={t('templates.description')}
        actions={
          <Group>
            <Button
              variant="light"
              disabled={account === null}
              loading={accountActions.syncTemplates.isPending}
              onClick={() =>
                account !== null &&
                accountActions.syncTemplates.mutateAsync(account).then(
                  (r) =>
                    notifications.show({
                      color: 'green',
                      message: t('templates.synced', { count: r.total }),
                    }),
                  fail,
                )
              }
            >
              {t('templates.syncNow')}
            </Button>
            <Button component={Link} to="/templates/new">
              {t('templates.newTemplate')}
            </Button>
          </Group>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label={t('templates.account')}
          data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={account}
          onChange={setAccountId}
          allowDeselect={false}
        />
        <Select
          label={t('apiKeys.status')}
          data={statuses.map((v) => ({ value: v, label: t(`templates.statuses.${v}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          placeholder={t('templates.any')}
        />
        <Select
          label={t('templates.category')}
          data={categories.map((v) => ({ value: v, label: t(`templates.categories.${v}`) }))}
          value={category}
          onChange={setCategory}
          clearable
          placeholder={t('templates.any')}
        />
        <Select
          label={t('templates.language')}
          searchable
          clearable
          placeholder={t('templates.any')}
          data={languageOptions}
          value={language === '' ? null : language}
          onChange={(v) => setLanguage(v ?? '')}
        />
        <TextInput
          label={t('apiKeys.name')}
          placeholder={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </Group>
      {accounts.data?.length === 0 && (
        <Alert color="blue">
          {t('templates.connectFirst')}{' '}
          <Link to="/settings/whatsapp">{t('templates.connectLink')}</Link>
        </Alert>
      )}
      <Table highlightOnHover data-testid="templates-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('apiKeys.name')}</Table.Th>
            <Table.Th>{t('templates.language')}</Table.Th>
            <Table.Th>{t('templates.category')}</Table.Th>
            <Table.Th>{t('apiKeys.status')}</Table.Th>
            <Table.Th>{t('whatsapp.quality')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(templates.data ?? []).map((row) => (
            <Table.Tr
              key={row.id}
              style={{ cursor: 'pointer' }}
              onClick={() => setSelected(row)}
              data-testid={`template-row-${row.name}`}
            >
              <Table.Td>
                {/* The row opens the drawer; the name is the keyboard's way in. */}
                <UnstyledButton
                  onClick={(e) => {
                    e.stopPropagation();
                    setSelected(row);
                  }}
                  fz="sm"
                  dir="ltr"
                >
                  {row.name}
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                <span lang={templateLanguageTag(row.language)} title={row.language}>
                  {templateLanguageName(row.language, i18n.language)}
                </span>
              </Table.Td>
              <Table.Td>{categoryLabel(row.category)}</Table.Td>
              <Table.Td>
                <Badge color={statusColor[row.status] ?? 'gray'} data-testid="template-status">
                  {statusLabel(row.status)}
                </Badge>
                {row.rejectedReason !== null && (
                  <Text size="xs" c="red">
                    {row.rejectedReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{row.qualityScore ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Drawer
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position={dir === 'rtl' ? 'left' : 'right'}
        size="md"
        title={selected?.name}
      >
        {selected !== null && (
          <Stack>
            <Text size="sm" c="dimmed">
              {templateLanguageName(selected.language, i18n.language)} ·{' '}
              {categoryLabel(selected.category)} · {statusLabel(selected.status)} ·{' '}
              {selected.parameterFormat === 'NAMED'
                ? t('templates.namedParameters')
                : t('templates.positionalParameters')}
            </Text>
            <TemplatePreview components={selected.components} language={selected.language} />
            <Group align="flex-end">
              <Select
                label={t('templates.duplicateInto')}
                searchable
                data={languageOptions}
                value={copyLanguage === '' ? null : copyLanguage}
                onChange={(v) => setCopyLanguage(v ?? '')}
              />
              <Button
                variant="light"
                disabled={copyLanguage === ''}
                loading={actions.duplicate.isPending}
                onClick={() =>
                  actions.duplicate
                    .mutateAsync({ id: selected.id, language: copyLanguage })
                    .then(() => {
                      notifications.show({
                        color: 'green',
                        message: t('templates.submittedIn', {
                          name: selected.name,
                          language: templateLanguageName(copyLanguage, i18n.language),
                        }),
                      });
                      setSelected(null);
                    }, fail)
                }
              >
                {t('templates.duplicate')}
              </Button>
            </Group>
            <Group>
              <Button
                color="red"
                variant="light"
                onClick={() =>
                  window.confirm(
                    t('templates.confirmDeleteLanguage', {
                      name: selected.name,
                      language: templateLanguageName(selected.language, i18n.language),
                    }),
                  ) &&
                  actions.remove
                    .mutateAsync({ id: selected.id, scope: 'language' })
                    .then(() => setSelected(null), fail)
                }
              >
                {t('templates.deleteLanguage')}
              </Button>
              <Button
                color="red"
                variant="subtle"
                onClick={() =>
                  window.confirm(t('templates.confirmDeleteAll', { name: selected.name })) &&
                  actions.remove
                    .mutateAsync({ id: selected.id, scope: 'all' })
                    .then(() => setSelected(null), fail)
                }
              >
                {t('templates.deleteAll')}
              </Button>
            </Group>
          </Stack>
        )}
      </Drawer>
    </>
  );
}
