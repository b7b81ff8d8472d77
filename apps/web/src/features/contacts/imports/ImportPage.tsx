import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import {
  importPolicySchema,
  type ContactUpload,
  type ImportDelimiter,
  type ImportEncoding,
  type ImportPolicy,
} from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../../app/ApiErrorAlert';
import { PageHeader } from '../../../app/PageHeader';
import { useLocale } from '../../../i18n/locale-context';
import { uploadImportFile } from './imports.api';
import { ImportPreview } from './ImportPreview';

/** The server's limit (imports.upload.ts): refused here first, before 100 MB travel for nothing. */
const MAX_BYTES = 100 * 1024 * 1024;

/** Contact import, step by step: upload the file, check the preview and the mapping, start. */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [upload, setUpload] = useState<ContactUpload | null>(null);
  const [error, setError] = useState<unknown>(null);
  const tooLarge = file !== null && file.size > MAX_BYTES;

  const send = () => {
    if (file === null || tooLarge) return;
    setError(null);
    setSent(0);
    uploadImportFile(file, setSent).then(setUpload, (e: unknown) => {
      setSent(null);
      setError(e);
    });
  };

  return (
    <>
      <PageHeader
        title={t('imports.newTitle')}
        description={t('imports.newDescription')}
        actions={
          <Group>
            <Anchor component={Link} to="/contacts/imports" size="sm">
              {t('imports.past')}
            </Anchor>
            <Anchor component={Link} to="/contacts" size="sm">
              {t('contacts.back')}
            </Anchor>
          </Group>
        }
      />
      {upload === null ? (
        <Card withBorder maw={640}>
          <Stack>
            <FileInput
              label={t('imports.file')}
              description={t('imports.fileHint')}
              accept=".csv,.tsv,.txt,text/csv,text/plain"
              value={file}
              onChange={setFile}
              clearable
              clearButtonProps={{ 'aria-label': t('common.remove') }}
              disabled={sent !== null}
              error={tooLarge ? t('imports.tooLarge') : undefined}
              data-testid="import-file"
            />
            {sent !== null && (
              <Stack gap={4}>
                <Progress.Root data-testid="upload-progress">
                  <Progress.Section
                    value={Math.round(sent * 100)}
                    aria-label={t('imports.uploading')}
                  />
                </Progress.Root>
                <Text size="sm" c="dimmed">
                  {t('imports.uploadingPercent', { percent: Math.round(sent * 100) })}
                </Text>
              </Stack>
            )}
            {error !== null && <ApiErrorAlert error={error} />}
            <Group justify="flex-end">
              <Button
                onClick={send}
                disabled={file === null || tooLarge}
                loading={sent !== null}
                data-testid="upload-file"
              >
                {t('imports.upload')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : (
        <ImportSetup upload={upload} onRestart={() => (setUpload(null), setSent(null))} />
      )}
    </>
  );
}

/** Step two: the preview with its format and mapping, the policy, and the start button. */
function ImportSetup({ upload, onRestart }: { upload: ContactUpload; onRestart: () => void }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const navigate = useNavigate();
  const [encoding, setEncoding] = useState<ImportEncoding | undefined>(undefined);
  const [delimiter, setDelimiter] = useState<ImportDelimiter | undefined>(undefined);
  const [policy, setPolicy] = useState<ImportPolicy>('update');
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('imports.uploaded', { size: fmt.number(Math.ceil(upload.size / 1024)) })}{' '}
        <Anchor component="button" size="sm" onClick={onRestart}>
          {t('imports.otherFile')}
        </Anchor>
      </Text>
      <ImportPreview
        uploadId={upload.id}
        encoding={encoding}
        delimiter={delimiter}
        onEncoding={setEncoding}
        onDelimiter={setDelimiter}
        policySelect={
          <Select
            label={t('imports.policy')}
            description={t(`imports.policyHints.${policy}`)}
            data={importPolicySchema.options.map((p) => ({
              value: p,
              label: t(`imports.policies.${p}`),
            }))}
            value={policy}
            onChange={(v) => setPolicy(importPolicySchema.catch('update').parse(v))}
            allowDeselect={false}
            w={280}
            data-testid="import-policy"
          />
        }
        onStarted={(id) => void navigate(`/contacts/imports/${encodeURIComponent(id)}`)}
        policy={policy}
        onError={notifyApiError}
      />
    </Stack>
  );
}
