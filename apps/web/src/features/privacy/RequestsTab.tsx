import { useState } from 'react';
import {
  Alert,
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
import type { DeletionStatus } from '@kiana/contracts';
import { dueText, privacyApi, privacyKeys, statusColors, statusLabels } from './privacy.api';

const filters = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'rejected', label: 'Rejected' },
];

/** The deletion queue: most urgent first, with the time left before the one-month deadline. */
export function RequestsTab() {
  const [filter, setFilter] = useState('open');
  const [opened, { open, close }] = useDisclosure(false);
  const status = filter === 'open' ? undefined : (filter as DeletionStatus);
  const list = useQuery({
    queryKey: privacyKeys.requests(status),
    queryFn: () => privacyApi.listRequests(status),
    refetchInterval: 30_000,
  });
  const requests = (list.data?.requests ?? []).filter(
    (r) => filter !== 'open' || r.status === 'pending' || r.status === 'in_progress',
  );
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          data={filters}
          value={filter}
          onChange={setFilter}
          aria-label="Filter by status"
        />
        <Button onClick={open}>Open a request</Button>
      </Group>
      {list.isLoading && <Loader aria-label="Loading requests" />}
      {list.error !== null && <Alert color="red">{list.error.message}</Alert>}
      {list.data !== undefined && requests.length === 0 && (
        <Text c="dimmed">No requests here.</Text>
      )}
      {requests.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>About</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Received</Table.Th>
                <Table.Th>Deadline</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.map((r) => {
                const due = dueText(r.dueAt);
                const closed = r.status === 'done' || r.status === 'rejected';
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/privacy/requests/${r.id}`} ff="monospace">
                        {r.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColors[r.status]} variant="light">
                        {statusLabels[r.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {r.phone ??
                        r.email ??
                        r.subjectHint ??
                        (r.metaUserId !== null ? 'Meta user' : '—')}
                    </Table.Td>
                    <Table.Td>{r.source.replace('_', ' ')}</Table.Td>
                    <Table.Td>{new Date(r.receivedAt).toLocaleDateString()}</Table.Td>
                    <Table.Td>
                      {closed ? (
                        <Text size="sm" c="dimmed">
                          closed{' '}
                          {r.completedAt === null
                            ? ''
                            : new Date(r.completedAt).toLocaleDateString()}
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
        </Table.ScrollContainer>
      )}
      <Modal opened={opened} onClose={close} title="Open a deletion request">
        <OpenRequestForm onDone={close} />
      </Modal>
    </Stack>
  );
}

function OpenRequestForm({ onDone }: { onDone: () => void }) {
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [source, setSource] = useState<'email' | 'whatsapp' | 'admin'>('email');
  const client = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () =>
      privacyApi.openRequest({
        phone: phone === '' ? undefined : phone,
        email: email === '' ? undefined : email,
        message: message === '' ? undefined : message,
        source,
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
          For requests that arrived by email or WhatsApp. Give the number and/or email address.
        </Text>
        <Select
          label="Arrived by"
          data={[
            { value: 'email', label: 'Email' },
            { value: 'whatsapp', label: 'WhatsApp message' },
            { value: 'admin', label: 'Other' },
          ]}
          value={source}
          onChange={(v) => setSource((v ?? 'email') as typeof source)}
          allowDeselect={false}
        />
        <TextInput
          label="Phone number"
          placeholder="+44 20 7946 0958"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
        <TextInput
          label="Email address"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Textarea
          label="Note"
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
        {create.error !== null && <Alert color="red">{create.error.message}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} disabled={phone === '' && email === ''}>
            Open request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
