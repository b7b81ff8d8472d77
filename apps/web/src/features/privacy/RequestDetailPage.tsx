import { unknownValue } from '../../app/literals';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert, apiErrorMessage } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { useFormat } from '../../i18n/locale-context';
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  panelLanguageNames,
  panelLanguageSchema,
  type DeletionPreview,
  type DeletionRequest,
} from '@kiana/contracts';
import { CorrectionPanel, CorrectionTexts } from './CorrectionPanel';
import { PageHeader } from '../../app/PageHeader';
import { dueText, privacyApi, privacyKeys, statusColors } from './privacy.api';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

/** One deletion request: who it is about, what the registry finds, execute or reject. */
export function RequestDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const request = useQuery({
    queryKey: privacyKeys.request(id),
    queryFn: () => privacyApi.getRequest(id),
  });
  const [preview, setPreview] = useState<DeletionPreview | undefined>();
  const refresh = async (r: DeletionRequest) => {
    client.setQueryData(privacyKeys.request(id), r);
    await client.invalidateQueries({ queryKey: ['privacy', 'requests'] });
  };
  const find = useMutation({
    mutationFn: () => privacyApi.preview(id),
    onSuccess: async (p) => {
      setPreview(p);
      await client.invalidateQueries({ queryKey: privacyKeys.request(id) });
    },
  });
  const execute = useMutation({ mutationFn: () => privacyApi.execute(id), onSuccess: refresh });
  const [confirmOpen, confirm] = useDisclosure(false);
  const [rejectOpen, rejectModal] = useDisclosure(false);
  if (request.isLoading) return <Loader aria-label={t('common.loading')} />;
  if (request.error !== null || request.data === undefined) {
    return <ApiErrorAlert error={request.error ?? t('notFound.title')} />;
  }
  const r = request.data;
  const open = r.status === 'pending' || r.status === 'in_progress';
  const isCorrection = r.kind === 'correction';
  const due = dueText(r.dueAt, t);
  const language = panelLanguageSchema.safeParse(r.language);
  return (
    <>
      <PageHeader
        title={t(isCorrection ? 'privacy.correction.title' : 'privacy.detail.title', {
          code: r.code,
        })}
        description={t(
          isCorrection ? 'privacy.correction.description' : 'privacy.detail.description',
        )}
        actions={
          <Anchor component={Link} to="/privacy">
            {t('privacy.detail.back')}
          </Anchor>
        }
      />
      <Stack>
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('apiKeys.status')}>
              <Badge color={statusColors[r.status]} variant="light" data-testid="request-status">
                {t(`privacy.statuses.${r.status}`)}
              </Badge>
            </Field>
            <Field label={t('privacy.requests.deadline')}>
              {open ? (
                <Badge color={due.color} variant="outline">
                  {due.text}
                </Badge>
              ) : (
                '—'
              )}
            </Field>
            <Field label={t('privacy.requests.source')}>{t(`privacy.sources.${r.source}`)}</Field>
            <Field label={t('privacy.requests.received')}>{fmt.dateTime(r.receivedAt)}</Field>
            <Field label={t('privacy.detail.completed')}>
              {r.completedAt === null ? '—' : fmt.dateTime(r.completedAt)}
            </Field>
            <Field label={t('privacy.detail.handledBy')}>
              <bdi>{r.handledBy ?? '—'}</bdi>
            </Field>
            <Field label={t('templates.builder.phone')}>
              <Ltr>{r.phone ?? '—'}</Ltr>
            </Field>
            <Field label={t('privacy.requests.email')}>
              <Ltr>{r.email ?? '—'}</Ltr>
            </Field>
            {isCorrection ? (
              <Field label={t('privacy.correction.language')}>
                <span data-testid="requester-language">
                  {language.success ? panelLanguageNames[language.data] : '—'}
                </span>
              </Field>
            ) : (
              <Field label={t('privacy.detail.metaUserId')}>
                <Ltr>{r.metaUserId ?? '—'}</Ltr>
              </Field>
            )}
          </SimpleGrid>
          {r.message !== null && (
            <Text mt="md" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
              {r.message}
            </Text>
          )}
          {r.rejectedReason !== null && (
            <Alert mt="md" color="gray" title={t('privacy.statuses.rejected')}>
              {r.rejectedReason}
            </Alert>
          )}
          {r.correctedFields !== null && r.status === 'done' && (
            <Text mt="md" size="sm" data-testid="corrected-fields">
              {t('privacy.correction.corrected')}{' '}
              {r.correctedFields
                .map((f) => t(`privacy.correction.fields.${f}`, { defaultValue: f }))
                .join(', ')}
            </Text>
          )}
          {r.counts !== null && r.status === 'done' && (
            <Text mt="md" size="sm" c="dimmed" data-testid="done-counts">
              {t('privacy.detail.erased')}{' '}
              <Ltr>
                {Object.entries(r.counts)
                  .map(([table, n]) => `${table} ${n}`)
                  .join(', ')}
              </Ltr>
            </Text>
          )}
        </Card>
        {isCorrection && <CorrectionTexts request={r} />}
        {open && <SubjectForm request={r} onSaved={refresh} />}
        {open && isCorrection && <CorrectionPanel request={r} onDone={refresh} />}
        {open && isCorrection && (
          <Group>
            <Button variant="subtle" color="gray" onClick={rejectModal.open}>
              {t('privacy.detail.reject')}
            </Button>
          </Group>
        )}
        {open && !isCorrection && (
          <Group>
            <Button
              variant="default"
              onClick={() => find.mutate()}
              loading={find.isPending}
              disabled={r.phone === null && r.email === null}
            >
              {t('privacy.detail.find')}
            </Button>
            <Button color="red" onClick={confirm.open} disabled={preview === undefined}>
              {t('privacy.detail.execute')}
            </Button>
            <Button variant="subtle" color="gray" onClick={rejectModal.open}>
              {t('privacy.detail.reject')}
            </Button>
            <Anchor href={`/api/v1/privacy/requests/${r.id}/export.zip`} size="sm">
              {t('privacy.detail.export')}
            </Anchor>
          </Group>
        )}
        <ApiErrorAlert error={find.error} />
        <ApiErrorAlert error={execute.error} />
        {preview !== undefined && open && <PreviewTable preview={preview} />}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={confirmOpen}
        onClose={confirm.close}
        title={t('privacy.detail.confirmTitle')}
      >
        <Stack>
          <Text>
            {t('privacy.detail.confirmText', {
              rows: fmt.number(preview?.rows ?? 0),
              files: fmt.number(preview?.files ?? 0),
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={execute.isPending}
              onClick={() => execute.mutate(undefined, { onSettled: confirm.close })}
            >
              {t('privacy.detail.deleteForGood')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={rejectOpen}
        onClose={rejectModal.close}
        title={t('privacy.detail.rejectTitle')}
      >
        <RejectForm
          id={r.id}
          onDone={async (x) => {
            rejectModal.close();
            await refresh(x);
          }}
        />
      </Modal>
    </>
  );
}

function PreviewTable({ preview }: { preview: DeletionPreview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('privacy.detail.found', {
          rows: fmt.number(preview.rows),
          files: fmt.number(preview.files),
        })}
      </Title>
      {preview.contacts.length > 0 && (
        <Text size="sm" mb="sm">
          {t('privacy.detail.contacts')}{' '}
          {preview.contacts.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <bdi>{c.name ?? t('privacy.detail.unnamed')}</bdi> (
              <Ltr>{c.phone ?? unknownValue}</Ltr>)
            </span>
          ))}
        </Text>
      )}
      {preview.alreadySuppressed && (
        <Alert color="yellow" mb="sm">
          {t('privacy.detail.alreadySuppressed')}
        </Alert>
      )}
      <Table data-testid="preview-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('privacy.detail.table')}</Table.Th>
            <Table.Th>{t('privacy.detail.module')}</Table.Th>
            <Table.Th>{t('securityLog.action')}</Table.Th>
            <Table.Th>{t('privacy.retention.rows')}</Table.Th>
            <Table.Th>{t('privacy.retention.files')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.tables.map((x) => (
            <Table.Tr key={x.table}>
              <Table.Td ff="monospace" dir="ltr">
                {x.table}
              </Table.Td>
              <Table.Td>{x.module}</Table.Td>
              <Table.Td>{t(`privacy.detail.actions.${x.action}`)}</Table.Td>
              <Table.Td>{fmt.number(x.rows)}</Table.Td>
              <Table.Td>{fmt.number(x.files)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function SubjectForm({
  request,
  onSaved,
}: {
  request: DeletionRequest;
  onSaved: (r: DeletionRequest) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(request.phone ?? '');
  const [email, setEmail] = useState(request.email ?? '');
  const save = useMutation({
    mutationFn: () =>
      privacyApi.setSubject(request.id, {
        phone: phone === '' ? null : phone,
        email: email === '' ? null : email,
      }),
    onSuccess: onSaved,
  });
  const changed = phone !== (request.phone ?? '') || email !== (request.email ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end">
        <TextInput
          label={t('privacy.requests.phone')}
          dir="ltr"
          value={phone}
          onChange={(e) => setPhone(normaliseDigits(e.currentTarget.value))}
        />
        <TextInput
          label={t('privacy.requests.email')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Button type="submit" variant="default" disabled={!changed} loading={save.isPending}>
          {t('privacy.detail.saveSubject')}
        </Button>
      </Group>
      {save.error !== null && (
        <Alert color="red" mt="sm">
          {apiErrorMessage(save.error, t)}
        </Alert>
      )}
    </form>
  );
}

function RejectForm({ id, onDone }: { id: string; onDone: (r: DeletionRequest) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reject = useMutation({
    mutationFn: () => privacyApi.reject(id, reason),
    onSuccess: onDone,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        reject.mutate();
      }}
    >
      <Stack>
        <Textarea
          label={t('privacy.detail.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          minRows={3}
        />
        <ApiErrorAlert error={reject.error} />
        <Group justify="flex-end">
          <Button type="submit" disabled={reason.trim().length < 3} loading={reject.isPending}>
            {t('privacy.detail.reject')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
