import { useState } from 'react';
import { Link } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  CloseButton,
  Group,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Auto, Ltr } from '../../app/Ltr';
import { useContact } from '../contacts/contacts.api';
import { useSession } from '../auth/session';
import { useConversationActions } from './inbox.api';
import { useTeam } from './team.api';
import { contactLabel } from './ConversationList';

const HOUR = 60 * 60 * 1000;

/** The team's controls: assign, close or reopen, snooze, labels and a note. */
function TeamActions({ c }: { c: ConversationSummary }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const me = session.user.id;
  const a = useConversationActions(c.id);
  const team = useTeam();
  const assignee = team.data?.find((m) => m.userId === c.assignedUserId);
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const error =
    a.assign.error ??
    a.setState.error ??
    a.snooze.error ??
    a.addLabel.error ??
    a.removeLabel.error ??
    a.note.error;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" data-testid="assignee">
          {c.assignedUserId === null
            ? t('inbox.unassigned')
            : c.assignedUserId === me
              ? t('inbox.assignedToYou')
              : assignee !== undefined
                ? t('inbox.assignedTo', { name: assignee.displayName })
                : t('inbox.assignedToOther')}
        </Text>
        {assignee !== undefined && (
          <Badge
            size="xs"
            variant="dot"
            color={assignee.isOnline ? 'teal' : 'gray'}
            data-testid="assignee-availability"
          >
            {assignee.isOnline ? t('inbox.availability.online') : t('inbox.availability.away')}
          </Badge>
        )}
      </Group>
      <Group gap="xs">
        {c.assignedUserId === me ? (
          <Button size="xs" variant="light" onClick={() => a.assign.mutate(null)}>
            {t('inbox.unassign')}
          </Button>
        ) : (
          <Button size="xs" variant="light" onClick={() => a.assign.mutate(me)}>
            {t('inbox.assignToMe')}
          </Button>
        )}
        {c.state === 'closed' ? (
          <Button size="xs" variant="light" onClick={() => a.setState.mutate('open')}>
            {t('inbox.reopen')}
          </Button>
        ) : (
          <Button size="xs" variant="light" onClick={() => a.setState.mutate('closed')}>
            {t('inbox.close')}
          </Button>
        )}
        <Button size="xs" variant="light" onClick={() => a.snooze.mutate(Date.now() + 24 * HOUR)}>
          {t('inbox.snoozeDay')}
        </Button>
      </Group>
      <Text size="sm" data-testid="conversation-state">
        {t(`inbox.state.${c.state}`)}
      </Text>
      <Group gap={4}>
        {c.labels.map((l) => (
          <Badge
            key={l}
            variant="light"
            rightSection={
              <CloseButton
                size="xs"
                aria-label={t('inbox.removeLabel', { label: l })}
                onClick={() => a.removeLabel.mutate(l)}
              />
            }
          >
            <Auto>{l}</Auto>
          </Badge>
        ))}
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (label.trim() !== '')
            a.addLabel.mutate(label.trim(), { onSuccess: () => setLabel('') });
        }}
      >
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label={t('inbox.label')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            maxLength={40}
            style={{ flex: 1 }}
          />
          <Button size="xs" type="submit">
            {t('inbox.addLabel')}
          </Button>
        </Group>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim() !== '') a.note.mutate(note.trim(), { onSuccess: () => setNote('') });
        }}
      >
        <Stack gap={4}>
          <Textarea
            size="xs"
            label={t('inbox.note')}
            description={t('inbox.noteHelp')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Button size="xs" type="submit" variant="light" color="yellow">
            {t('inbox.addNote')}
          </Button>
        </Stack>
      </form>
      <ApiErrorAlert error={error} />
    </Stack>
  );
}

/** The contact beside the thread: number, consent, tags and attributes, with a link. */
function ContactPanel({ c }: { c: ConversationSummary }) {
  const { t } = useTranslation();
  const contact = useContact(c.contact.id);
  return (
    <Stack gap={4} data-testid="contact-panel">
      <Title order={4}>
        <Auto>{contactLabel(c.contact)}</Auto>
      </Title>
      {c.contact.phoneE164 !== null && (
        <Text size="sm">
          <Ltr>{c.contact.phoneE164}</Ltr>
        </Text>
      )}
      {contact.data !== undefined && (
        <>
          <Text size="sm">
            {t('inbox.consent')}: {t(`inbox.consentState.${contact.data.marketingConsent}`)}
          </Text>
          <Group gap={4}>
            {contact.data.tags.map((tag) => (
              <Badge key={tag.id} size="sm" variant="outline">
                <Auto>{tag.name}</Auto>
              </Badge>
            ))}
          </Group>
          {Object.entries(contact.data.attributes).map(([k, v]) => (
            <Text size="xs" key={k}>
              <Auto>{k}</Auto>: <Auto>{String(v)}</Auto>
            </Text>
          ))}
        </>
      )}
      <Anchor component={Link} to={`/contacts/${encodeURIComponent(c.contact.id)}`} size="sm">
        {t('inbox.openContact')}
      </Anchor>
    </Stack>
  );
}

export function ConversationSide({ c, canReply }: { c: ConversationSummary; canReply: boolean }) {
  return (
    <Stack gap="lg">
      <ContactPanel c={c} />
      {canReply && <TeamActions c={c} />}
    </Stack>
  );
}
