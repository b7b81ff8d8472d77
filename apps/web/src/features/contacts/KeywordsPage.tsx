import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ConsentKeywordLanguage, ConsentKeywordSettings } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useCan } from '../auth/session';
import { useConsentKeywords, useSaveConsentKeywords } from './keywords.api';

const blankLanguage = (language: string): ConsentKeywordLanguage => ({
  language,
  isEnabled: true,
  stopWords: [],
  startWords: [],
  stopReply: '',
  startReply: '',
});

/**
 * Contacts → Keywords: the words that opt a sender out of marketing or back in, per language,
 * and the confirmation sent back. Edited as a draft and saved at once (one audited change).
 */
export function KeywordsPage() {
  const { t } = useTranslation();
  const query = useConsentKeywords();
  const save = useSaveConsentKeywords();
  const canManage = useCan('settings.manage');
  const [draft, setDraft] = useState<ConsentKeywordSettings | null>(null);
  const [newLanguage, setNewLanguage] = useState('');
  useEffect(() => {
    if (query.data !== undefined && draft === null) setDraft(query.data);
  }, [query.data, draft]);

  const setLanguage = (index: number, patch: Partial<ConsentKeywordLanguage>) =>
    setDraft((d) =>
      d === null
        ? d
        : { ...d, languages: d.languages.map((l, i) => (i === index ? { ...l, ...patch } : l)) },
    );
  const code = newLanguage.trim();
  const isTaken =
    draft?.languages.some((l) => l.language.toLowerCase() === code.toLowerCase()) ?? false;

  return (
    <>
      <PageHeader
        title={t('keywords.title')}
        description={t('keywords.description')}
        actions={
          <Anchor component={Link} to="/contacts" size="sm">
            {t('contacts.back')}
          </Anchor>
        }
      />
      <ApiErrorAlert error={query.error} />
      {draft === null ? (
        query.isLoading && <Loader aria-label={t('common.loading')} />
      ) : (
        <Stack>
          <Card withBorder>
            <Stack gap="sm">
              <Switch
                label={t('keywords.enabled')}
                description={t('keywords.enabledHint')}
                checked={draft.isEnabled}
                disabled={!canManage}
                onChange={(e) => setDraft({ ...draft, isEnabled: e.currentTarget.checked })}
                data-testid="keywords-enabled"
              />
              <Switch
                label={t('keywords.replyEnabled')}
                description={t('keywords.replyEnabledHint')}
                checked={draft.isReplyEnabled}
                disabled={!canManage}
                onChange={(e) => setDraft({ ...draft, isReplyEnabled: e.currentTarget.checked })}
                data-testid="keywords-reply-enabled"
              />
            </Stack>
          </Card>
          {draft.languages.map((l, i) => (
            <Card withBorder key={l.language} data-testid={`keywords-${l.language}`}>
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h5">
                    <span dir="ltr">{l.language}</span>
                  </Title>
                  <Group>
                    <Switch
                      label={t('keywords.languageEnabled')}
                      checked={l.isEnabled}
                      disabled={!canManage}
                      onChange={(e) => setLanguage(i, { isEnabled: e.currentTarget.checked })}
                    />
                    {canManage && (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() =>
                          setDraft({
                            ...draft,
                            languages: draft.languages.filter((_, j) => j !== i),
                          })
                        }
                      >
                        {t('keywords.removeLanguage')}
                      </Button>
                    )}
                  </Group>
                </Group>
                <TagsInput
                  label={t('keywords.stopWords')}
                  description={t('keywords.wordsHint')}
                  value={l.stopWords}
                  disabled={!canManage}
                  onChange={(stopWords) => setLanguage(i, { stopWords })}
                  data-testid={`stop-words-${l.language}`}
                />
                <Textarea
                  label={t('keywords.stopReply')}
                  value={l.stopReply}
                  disabled={!canManage}
                  autosize
                  minRows={2}
                  maxLength={1024}
                  onChange={(e) => setLanguage(i, { stopReply: e.currentTarget.value })}
                  data-testid={`stop-reply-${l.language}`}
                />
                <TagsInput
                  label={t('keywords.startWords')}
                  description={t('keywords.wordsHint')}
                  value={l.startWords}
                  disabled={!canManage}
                  onChange={(startWords) => setLanguage(i, { startWords })}
                  data-testid={`start-words-${l.language}`}
                />
                <Textarea
                  label={t('keywords.startReply')}
                  value={l.startReply}
                  disabled={!canManage}
                  autosize
                  minRows={2}
                  maxLength={1024}
                  onChange={(e) => setLanguage(i, { startReply: e.currentTarget.value })}
                  data-testid={`start-reply-${l.language}`}
                />
              </Stack>
            </Card>
          ))}
          {draft.languages.length === 0 && <Text c="dimmed">{t('keywords.noLanguages')}</Text>}
          {canManage && (
            <Group align="flex-end">
              <TextInput
                label={t('keywords.languageCode')}
                description={t('keywords.languageCodeHint')}
                value={newLanguage}
                maxLength={16}
                onChange={(e) => setNewLanguage(e.currentTarget.value)}
                error={isTaken ? t('keywords.languageTaken') : undefined}
                data-testid="new-language"
              />
              <Button
                variant="default"
                disabled={code.length < 2 || isTaken}
                onClick={() => {
                  setDraft({ ...draft, languages: [...draft.languages, blankLanguage(code)] });
                  setNewLanguage('');
                }}
                data-testid="add-language"
              >
                {t('keywords.addLanguage')}
              </Button>
            </Group>
          )}
          {!canManage && <Alert color="gray">{t('keywords.readOnly')}</Alert>}
          <ApiErrorAlert error={save.error} />
          {canManage && (
            <Group>
              <Button
                loading={save.isPending}
                onClick={() =>
                  save.mutate(draft, {
                    onSuccess: (saved) => {
                      setDraft(saved);
                      notifications.show({ color: 'green', message: t('keywords.saved') });
                    },
                  })
                }
                data-testid="save-keywords"
              >
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}
