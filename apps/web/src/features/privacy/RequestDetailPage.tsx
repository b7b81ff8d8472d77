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
import type { DeletionPreview, DeletionRequest } from '@kiana/contracts';
import { PageHeader } from '../../app/PageHeader';
import { dueText, privacyApi, privacyKeys, statusColors, statusLabels } from './privacy.api';

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
  if (request.isLoading) return <Loader aria-label="Loading request" />;
  if (request.error !== null || request.data === undefined) {
    return <Alert color="red">{request.error?.message ?? 'Not found'}</Alert>;
  }
  const r = request.data;
  const open = r.status === 'pending' || r.status === 'in_progress';
  const due = dueText(r.dueAt);
  return (
    <>
      <PageHeader
        title={`Deletion request ${r.code}`}
        description="Find the person's data, check the counts, then execute or reject."
        actions={
          <Anchor component={Link} to="/privacy">
            Back to the queue
          </Anchor>
        }
      />
      <Stack>
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label="Status">
              <Badge color={statusColors[r.status]} variant="light" data-testid="request-status">
                {statusLabels[r.status]}
              </Badge>
            </Field>
            <Field label="Deadline">
              {open ? (
                <Badge color={due.color} variant="outline">
                  {due.text}
                </Badge>
              ) : (
                '—'
              )}
            </Field>
            <Field label="Source">{r.source.replace('_', ' ')}</Field>
            <Field label="Received">{new Date(r.receivedAt).toLocaleString()}</Field>
            <Field label="Completed">
              {r.completedAt === null ? '—' : new Date(r.completedAt).toLocaleString()}
            </Field>
            <Field label="Handled by">{r.handledBy ?? '—'}</Field>
            <Field label="Phone">{r.phone ?? '—'}</Field>
            <Field label="Email">{r.email ?? '—'}</Field>
            <Field label="Meta user id">{r.metaUserId ?? '—'}</Field>
          </SimpleGrid>
          {r.message !== null && (
            <Text mt="md" style={{ whiteSpace: 'pre-wrap' }}>
              “{r.message}”
            </Text>
          )}
          {r.rejectedReason !== null && (
            <Alert mt="md" color="gray" title="Rejected">
              {r.rejectedReason}
            </Alert>
          )}
          {r.counts !== null && r.status === 'done' && (
            <Text mt="md" size="sm" c="dimmed" data-testid="done-counts">
              Erased:{' '}
              {Object.entries(r.counts)
                .map(([t, n]) => `${t} ${n}`)
                .join(', ')}
            </Text>
          )}
        </Card>
        {open && <SubjectForm request={r} onSaved={refresh} />}
        {open && (
          <Group>
            <Button
              variant="default"
              onClick={() => find.mutate()}
              loading={find.isPending}
              disabled={r.phone === null && r.email === null}
            >
              Find data
            </Button>
            <Button color="red" onClick={confirm.open} disabled={preview === undefined}>
              Execute deletion
            </Button>
            <Button variant="subtle" color="gray" onClick={rejectModal.open}>
              Reject
            </Button>
            <Anchor href={`/api/v1/privacy/requests/${r.id}/export.zip`} size="sm">
              Export their data (ZIP)
            </Anchor>
          </Group>
        )}
        {find.error !== null && <Alert color="red">{find.error.message}</Alert>}
        {execute.error !== null && <Alert color="red">{execute.error.message}</Alert>}
        {preview !== undefined && open && <PreviewTable preview={preview} />}
      </Stack>
      <Modal opened={confirmOpen} onClose={confirm.close} title="Delete this person's data?">
        <Stack>
          <Text>
            {preview?.rows ?? 0} rows and {preview?.files ?? 0} files will be erased for good, and
            the number goes on the do-not-contact list. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={execute.isPending}
              onClick={() => execute.mutate(undefined, { onSettled: confirm.close })}
            >
              Delete permanently
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={rejectOpen} onClose={rejectModal.close} title="Reject the request">
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
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Found: {preview.rows} rows, {preview.files} files
      </Title>
      {preview.contacts.length > 0 && (
        <Text size="sm" mb="sm">
          Contacts:{' '}
          {preview.contacts.map((c) => `${c.name ?? 'unnamed'} (${c.phone ?? '?'})`).join(', ')}
        </Text>
      )}
      {preview.alreadySuppressed && (
        <Alert color="yellow" mb="sm">
          This number is already on the do-not-contact list.
        </Alert>
      )}
      <Table data-testid="preview-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Table</Table.Th>
            <Table.Th>Module</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Rows</Table.Th>
            <Table.Th>Files</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.tables.map((t) => (
            <Table.Tr key={t.table}>
              <Table.Td ff="monospace">{t.table}</Table.Td>
              <Table.Td>{t.module}</Table.Td>
              <Table.Td>{t.action}</Table.Td>
              <Table.Td>{t.rows}</Table.Td>
              <Table.Td>{t.files}</Table.Td>
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
          label="Phone number"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
        <TextInput
          label="Email address"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Button type="submit" variant="default" disabled={!changed} loading={save.isPending}>
          Save who it is about
        </Button>
      </Group>
      {save.error !== null && (
        <Alert color="red" mt="sm">
          {save.error.message}
        </Alert>
      )}
    </form>
  );
}

function RejectForm({ id, onDone }: { id: string; onDone: (r: DeletionRequest) => Promise<void> }) {
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
          label="Reason (shown to the requester)"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          minRows={3}
        />
        {reject.error !== null && <Alert color="red">{reject.error.message}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" disabled={reason.trim().length < 3} loading={reject.isPending}>
            Reject
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
