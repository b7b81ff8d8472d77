import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { CorrectionMatch, DeletionRequest, FulfilCorrection } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { normaliseDigits } from '../../i18n/digits';
import { privacyApi } from './privacy.api';

/** A correction request's texts, as the requester wrote them. */
export function CorrectionTexts({ request }: { request: DeletionRequest }) {
  const { t } = useTranslation();
  if (request.correction === null) return null;
  return (
    <Card withBorder data-testid="correction-texts">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('privacy.correction.wrong')}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} dir="auto">
          {request.correction.wrong}
        </Text>
        <Text size="sm" c="dimmed">
          {t('privacy.correction.wanted')}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} dir="auto">
          {request.correction.wanted}
        </Text>
      </Stack>
    </Card>
  );
}

/** Finds the contacts a correction request is about and edits one of them from it. */
export function CorrectionPanel({
  request,
  onDone,
}: {
  request: DeletionRequest;
  onDone: (r: DeletionRequest) => Promise<void>;
}) {
  const { t } = useTranslation();
  const find = useMutation({ mutationFn: () => privacyApi.matches(request.id) });
  return (
    <Stack>
      <Group>
        <Button
          variant="default"
          onClick={() => find.mutate()}
          loading={find.isPending}
          disabled={request.phone === null && request.email === null}
        >
          {t('privacy.correction.find')}
        </Button>
      </Group>
      <ApiErrorAlert error={find.error} />
      {find.data !== undefined && find.data.contacts.length === 0 && (
        <Alert color="yellow">{t('privacy.correction.none')}</Alert>
      )}
      {find.data?.contacts.map((c) => (
        <ContactCorrection key={c.id} requestId={request.id} match={c} onDone={onDone} />
      ))}
    </Stack>
  );
}

const text = (v: string | number | boolean | undefined): string =>
  v === undefined ? '' : String(v);

/** One matching contact: its fields prefilled with the request's suggestion, saved as the correction. */
function ContactCorrection({
  requestId,
  match,
  onDone,
}: {
  requestId: string;
  match: CorrectionMatch;
  onDone: (r: DeletionRequest) => Promise<void>;
}) {
  const { t } = useTranslation();
  const s = match.suggestion;
  const [name, setName] = useState(s.name ?? match.name ?? '');
  const [phone, setPhone] = useState(s.phone ?? match.phoneE164 ?? '');
  const [language, setLanguage] = useState(s.language ?? match.language ?? '');
  // Attributes the request names, plus those the contact has as text.
  const keys = [
    ...new Set([
      ...Object.keys(s.attributes ?? {}),
      ...Object.entries(match.attributes)
        .filter(([, v]) => typeof v === 'string')
        .map(([k]) => k),
    ]),
  ];
  const [attributes, setAttributes] = useState<Record<string, string>>(() =>
    Object.fromEntries(keys.map((k) => [k, s.attributes?.[k] ?? text(match.attributes[k])])),
  );
  const changes: FulfilCorrection['changes'] = {};
  if (name.trim() !== (match.name ?? '')) changes.name = name.trim() === '' ? null : name.trim();
  if (phone.trim() !== '' && phone.trim() !== (match.phoneE164 ?? '')) changes.phone = phone.trim();
  if (language.trim() !== (match.language ?? ''))
    changes.language = language.trim() === '' ? null : language.trim();
  const changedAttributes = Object.fromEntries(
    Object.entries(attributes).filter(([k, v]) => v !== text(match.attributes[k])),
  );
  if (Object.keys(changedAttributes).length > 0) changes.attributes = changedAttributes;
  const save = useMutation({
    mutationFn: () => privacyApi.correct(requestId, { contactId: match.id, changes }),
    onSuccess: onDone,
  });
  const suggested = Object.keys(s).length > 0;
  return (
    <Card withBorder data-testid="correction-contact">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h5">
              <bdi>{match.name ?? t('privacy.detail.unnamed')}</bdi> (
              <Ltr>{match.phoneE164 ?? '—'}</Ltr>)
            </Title>
            {suggested && (
              <Badge variant="light" color="blue">
                {t('privacy.correction.suggested')}
              </Badge>
            )}
          </Group>
          <TextInput
            label={t('privacy.correction.fields.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            dir="auto"
          />
          <TextInput
            label={t('privacy.correction.fields.phone')}
            value={phone}
            dir="ltr"
            onChange={(e) => setPhone(normaliseDigits(e.currentTarget.value))}
          />
          <TextInput
            label={t('privacy.correction.fields.language')}
            value={language}
            dir="ltr"
            onChange={(e) => setLanguage(e.currentTarget.value)}
          />
          {keys.map((k) => (
            <TextInput
              key={k}
              label={k}
              value={attributes[k] ?? ''}
              dir="auto"
              onChange={(e) => {
                const value = e.currentTarget.value;
                setAttributes((a) => ({ ...a, [k]: value }));
              }}
            />
          ))}
          <ApiErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={save.isPending}
              disabled={Object.keys(changes).length === 0}
            >
              {t('privacy.correction.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
