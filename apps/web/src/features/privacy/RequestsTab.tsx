import { phoneExample } from '../../app/literals';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import {
  privacyRequestKinds,
  type DeletionStatus,
  type PrivacyRequestKind,
} from '@kiana/contracts';
import { dueText, privacyApi, privacyKeys, statusColors } from './privacy.api';
import { ScrollTable } from '../../app/ScrollTable';

const filters = ['open', 'pending', 'in_progress', 'done', 'rejected'] as const;

/** The deletion queue: most urgent first, with the time left before the one-month deadline. */
export function RequestsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filter, setFilter] = useState('open');
  const [kindFilter, setKindFilter] = useState<PrivacyRequestKind | 'all'>('all');
  const kind = kindFilter === 'all' ? undefined : kindFilter;
  const [opened, { open, close }] = useDisclosure(false);
  const status = filter === 'open' ? undefined : (filter as DeletionStatus);
  const list = useQuery({
    queryKey: privacyKeys.requests(status, kind),
    queryFn: () => privacyApi.listRequests(status, kind),
    refetchInterval: 30_000,
  });
  const requests = (list.data?.requests ?? []).filter(
    (r) => filter !== 'open' || r.status === 'pending' || r.status === 'in_progress',
  );
  return (
    <Stack>
      <Group>
        <SegmentedControl
          data={filters.map((f) => ({ value: f, label: t(`privacy.filters.${f}`) }))}
          value={filter}
          onChange={setFilter}
          aria-label={t('privacy.requests.filter')}
        />
        <Select
          aria-label={t('privacy.requests.kind')}
          data={[
            { value: 'all', label: t('privacy.kinds.all') },
            ...privacyRequestKinds.map((k) => ({ value: k, label: t(`privacy.kinds.${k}`) })),
          ]}
          value={kindFilter}
          onChange={(v) => setKindFilter((v ?? 'all') as PrivacyRequestKind | 'all')}
          allowDeselect={false}
          w={180}
        />
        <Button onClick={open} ms="auto">
          {t('privacy.requests.open')}
        </Button>
      </Group>
      {list.isLoading && <Loader aria-label={t('common.loading')} />}
      <ApiErrorAlert error={list.error} />
      {list.data !== undefined && requests.length === 0 && (
        <Text c="dimmed">{t('privacy.requests.none')}</Text>
      )}
      {requests.length > 0 && (
        <ScrollTable minWidth={720} label={t('privacy.tabs.requests')}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.requests.code')}</Table.Th>
                <Table.Th>{t('privacy.requests.kind')}</Table.Th>
                <Table.Th>{t('apiKeys.status')}</Table.Th>
                <Table.Th>{t('privacy.requests.about')}</Table.Th>
                <Table.Th>{t('privacy.requests.source')}</Table.Th>
                <Table.Th>{t('privacy.requests.received')}</Table.Th>
                <Table.Th>{t('privacy.requests.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.map((r) => {
                const due = dueText(r.dueAt, t);
                const closed = r.status === 'done' || r.status === 'rejected';
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/privacy/requests/${r.id}`}
                        ff="monospace"
                        dir="ltr"
                      >
                        {r.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td data-testid="request-kind">{t(`privacy.kinds.${r.kind}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={statusColors[r.status]} variant="light">
                        {t(`privacy.statuses.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Ltr>
                        {r.phone ??
                          r.email ??
                          r.subjectHint ??
                          (r.metaUserId !== null ? t('privacy.requests.metaUser') : '—')}
                      </Ltr>
                    </Table.Td>
                    <Table.Td>{t(`privacy.sources.${r.source}`)}</Table.Td>
                    <Table.Td>{fmt.date(r.receivedAt)}</Table.Td>
                    <Table.Td>
                      {closed ? (
                        <Text size="sm" c="dimmed">
                          {r.completedAt === null
                            ? t('privacy.requests.closed')
                            : t('privacy.requests.closedOn', { date: fmt.date(r.completedAt) })}
                        </Text>
                      ) : (
                        <Badge color={due.color} variant="outline" data-testid="due">
                          {due.text}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={opened}
        onClose={close}
        title={t('privacy.requests.openTitle')}
      >
        <OpenRequestForm onDone={close} />
      </Modal>
    </Stack>
  );
}

function OpenRequestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [source, setSource] = useState<'email' | 'whatsapp' | 'admin'>('email');
  const [kind, setKind] = useState<PrivacyRequestKind>('deletion');
  const [wrong, setWrong] = useState('');
  const [wanted, setWanted] = useState('');
  const isCorrection = kind === 'correction';
  const client = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () =>
      privacyApi.openRequest({
        phone: phone === '' ? undefined : phone,
        email: email === '' ? undefined : email,
        message: message === '' ? undefined : message,
        source,
        kind,
        correction: isCorrection ? { wrong, wanted } : undefined,
      }),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: ['privacy', 'requests'] });
      onDone();
      void navigate(`/privacy/requests/${r.id}`);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('privacy.requests.openHint')}
        </Text>
        <SegmentedControl
          data={privacyRequestKinds.map((k) => ({ value: k, label: t(`privacy.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => setKind(v as PrivacyRequestKind)}
          aria-label={t('privacy.requests.kind')}
        />
        <Select
          label={t('privacy.requests.arrivedBy')}
          data={[
            { value: 'email', label: t('privacy.sources.email') },
            { value: 'whatsapp', label: t('privacy.sources.whatsapp') },
            { value: 'admin', label: t('privacy.sources.admin') },
          ]}
          value={source}
          onChange={(v) => setSource((v ?? 'email') as typeof source)}
          allowDeselect={false}
        />
        <TextInput
          label={t('privacy.requests.phone')}
          placeholder={phoneExample}
          dir="ltr"
          value={phone}
          onChange={(e) => setPhone(normaliseDigits(e.currentTarget.value))}
        />
        <TextInput
          label={t('privacy.requests.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        {isCorrection && (
          <>
            <Textarea
              label={t('privacy.correction.wrong')}
              value={wrong}
              onChange={(e) => setWrong(e.currentTarget.value)}
              required
            />
            <Textarea
              label={t('privacy.correction.wanted')}
              value={wanted}
              onChange={(e) => setWanted(e.currentTarget.value)}
              required
            />
          </>
        )}
        <Textarea
          label={t('privacy.requests.note')}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
        <ApiErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={create.isPending}
            disabled={
              (phone === '' && email === '') ||
              (isCorrection && (wrong.trim() === '' || wanted.trim() === ''))
            }
          >
            {t('privacy.requests.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
