import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ContactSort, ContactSummary } from '@kiana/contracts';
import { contactSortSchema } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { Ltr } from '../../app/Ltr';
import {
  BulkBar,
  ColumnChooser,
  DataTable,
  FilterBar,
  LiveBadge,
  TablePager,
  useColumnVisibility,
  useLiveRefresh,
  useTableState,
  type DataColumn,
  type TableStateSpec,
} from '../../app/data-table';
import { normaliseDigits } from '../../i18n/digits';
import { useLocale } from '../../i18n/locale-context';
import { useCan } from '../auth/session';
import { useContacts, useTags } from './contacts.api';
import { useSegments } from './segments.api';
import { consentColor, consentStates, countryOptions, displayName } from './contacts.format';
import { ContactsBulkActions } from './ContactsBulkActions';
import { ContactFormModal } from './ContactFormModal';
import { TagBadges } from './TagBadges';

const PAGE = 50;
const spec: TableStateSpec = {
  filters: ['q', 'tag', 'consent', 'country', 'segment'],
  sortable: contactSortSchema.options,
  defaultSort: { column: 'created', direction: 'desc' },
};

/** Contacts: search, filter, sort and page the audience; act on a selection. */
export function ContactsPage() {
  const { t } = useTranslation();
  const { fmt, settings } = useLocale();
  const navigate = useNavigate();
  const table = useTableState(spec);
  const f = table.filters;
  const [search] = useDebouncedValue(f.q ?? '', 300);
  const tags = useTags();
  const segments = useSegments();
  const canManage = useCan('contacts.manage');
  const [creating, setCreating] = useState(false);
  const sort = contactSortSchema.options.find((s) => s === table.sort?.column) ?? 'created';
  const contacts = useContacts({
    q: search || undefined,
    tagId: f.tag,
    segmentId: f.segment,
    consent: consentStates.find((c) => c === f.consent),
    country: /^[A-Z]{2}$/.test(f.country ?? '') ? f.country : undefined,
    sort: sort satisfies ContactSort,
    order: table.sort?.direction ?? 'desc',
    page: table.page,
    pageSize: PAGE,
  });
  // The selection belongs to the filters it was made under; new filters start it afresh.
  const filterKey = JSON.stringify(f);
  const [picked, setPicked] = useState({ filterKey, ids: new Set<string>() });
  const selected = picked.filterKey === filterKey ? picked.ids : new Set<string>();
  const select = (ids: Set<string>) => setPicked({ filterKey, ids });
  const { connected } = useLiveRefresh(['contacts.consent'], ['contacts']);
  // 676 lookups and a sort: once per language, not once per render.
  const countries = useMemo(() => countryOptions(settings.language), [settings.language]);
  const columns: DataColumn<ContactSummary>[] = [
    {
      id: 'name',
      header: t('contacts.name'),
      sortable: true,
      hideable: false,
      cell: (c) => (
        <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" data-testid="contact-link">
          <bdi>{displayName(c) ?? t('common.unknown')}</bdi>
        </Anchor>
      ),
    },
    { id: 'phone', header: t('contacts.phone'), cell: (c) => <Ltr>{c.phoneE164 ?? '—'}</Ltr> },
    { id: 'tags', header: t('contacts.tags'), cell: (c) => <TagBadges tags={c.tags} /> },
    {
      id: 'consent',
      header: t('contacts.consent'),
      cell: (c) => (
        <Badge color={consentColor[c.marketingConsent]} variant="light">
          {t(`contacts.consentStates.${c.marketingConsent}`)}
        </Badge>
      ),
    },
    {
      id: 'country',
      header: t('contacts.country'),
      cell: (c) => countries.find((o) => o.value === c.country)?.label ?? c.country ?? '—',
    },
    {
      id: 'lastInbound',
      header: t('contacts.lastInbound'),
      sortable: true,
      cell: (c) => (c.lastInboundAt === null ? t('common.never') : fmt.dateTime(c.lastInboundAt)),
    },
    {
      id: 'created',
      header: t('contacts.created'),
      sortable: true,
      cell: (c) => fmt.dateTime(c.createdAt),
    },
    {
      id: 'updated',
      header: t('contacts.updated'),
      sortable: true,
      defaultHidden: true,
      cell: (c) => fmt.dateTime(c.updatedAt),
    },
    {
      id: 'language',
      header: t('contacts.language'),
      defaultHidden: true,
      cell: (c) => <Ltr>{c.language ?? '—'}</Ltr>,
    },
  ];
  const { hidden, setHidden } = useColumnVisibility('contacts', columns);
  const total = contacts.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('nav.contacts')}
        description={t('contacts.description')}
        actions={
          <Group>
            <LiveBadge connected={connected} />
            <Button component={Link} to="/contacts/segments" variant="default">
              {t('segments.title')}
            </Button>
            <Button component={Link} to="/contacts/tags" variant="default">
              {t('contacts.manageTags')}
            </Button>
            <Button component={Link} to="/contacts/keywords" variant="default">
              {t('keywords.manage')}
            </Button>
            {canManage && (
              <Button
                component={Link}
                to="/contacts/import"
                variant="default"
                data-testid="import-contacts"
              >
                {t('imports.new')}
              </Button>
            )}
            {canManage && (
              <Button onClick={() => setCreating(true)} data-testid="new-contact">
                {t('contacts.new')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <FilterBar
          isFiltered={Object.keys(f).length > 0}
          onClear={table.clearFilters}
          end={<ColumnChooser columns={columns} hidden={hidden} onChange={setHidden} />}
        >
          <TextInput
            label={t('common.search')}
            placeholder={t('contacts.searchHint')}
            value={f.q ?? ''}
            w={280}
            onChange={(e) => table.setFilter('q', normaliseDigits(e.currentTarget.value))}
            data-testid="contacts-search"
          />
          <Select
            label={t('contacts.tag')}
            placeholder={t('templates.any')}
            clearable
            searchable
            data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
            value={f.tag ?? null}
            onChange={(v) => table.setFilter('tag', v)}
            w={180}
          />
          <Select
            label={t('contacts.segment')}
            placeholder={t('templates.any')}
            clearable
            data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={f.segment ?? null}
            onChange={(v) => table.setFilter('segment', v)}
            w={180}
          />
          <Select
            label={t('contacts.consent')}
            placeholder={t('templates.any')}
            clearable
            data={consentStates.map((c) => ({ value: c, label: t(`contacts.consentStates.${c}`) }))}
            value={f.consent ?? null}
            onChange={(v) => table.setFilter('consent', v)}
            w={160}
          />
          <Select
            label={t('contacts.country')}
            placeholder={t('templates.any')}
            clearable
            searchable
            data={countries}
            value={f.country ?? null}
            onChange={(v) => table.setFilter('country', v)}
            w={200}
          />
        </FilterBar>
        <Text size="sm" c="dimmed" data-testid="contacts-total">
          {t('contacts.count', { count: total })}
        </Text>
        <BulkBar count={selected.size} onClear={() => select(new Set())}>
          <ContactsBulkActions ids={[...selected]} onDone={() => select(new Set())} />
        </BulkBar>
        <DataTable
          label={t('nav.contacts')}
          testId="contacts-table"
          rowTestId="contact-row"
          columns={columns}
          hidden={hidden}
          rows={contacts.data?.contacts}
          rowKey={(c) => c.id}
          isLoading={contacts.isLoading}
          error={contacts.error}
          onRetry={() => void contacts.refetch()}
          empty={Object.keys(f).length > 0 ? t('dataTable.noMatch') : t('contacts.none')}
          sort={table.sort}
          onSort={table.toggleSort}
          selection={
            canManage
              ? {
                  selected,
                  onChange: select,
                  rowLabel: (c) => t('contacts.selectRow', { name: displayName(c) ?? c.id }),
                }
              : undefined
          }
        />
        <TablePager total={total} pageSize={PAGE} page={table.page} onChange={table.setPage} />
      </Stack>
      <ContactFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => void navigate(`/contacts/${c.id}`)}
      />
    </>
  );
}
