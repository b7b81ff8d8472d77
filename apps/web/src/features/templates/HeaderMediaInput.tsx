import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { apiErrorMessage } from '../../app/ApiErrorAlert';
import { FileInput, Group, Loader, Text } from '@mantine/core';
import { IconCheck, IconUpload } from '@tabler/icons-react';
import { ApiError } from '../../api/client';
import { uploadHeaderExample } from './templates.api';
import type { HeaderMedia } from './template-draft';

type MediaFormat = HeaderMedia['format'];

// Meta's limits for template header samples; the server checks them again (and the content).
const rules: Record<MediaFormat, { accept: string; types: string[]; maxMb: number }> = {
  IMAGE: {
    accept: 'image/jpeg,image/png',
    types: ['image/jpeg', 'image/png'],
    maxMb: 5,
  },
  VIDEO: {
    accept: 'video/mp4',
    types: ['video/mp4'],
    maxMb: 16,
  },
  DOCUMENT: {
    accept: 'application/pdf',
    types: ['application/pdf'],
    maxMb: 100,
  },
};

/** Why a file cannot be a sample of `format`, or null when it can be uploaded. */
export function sampleProblem(format: MediaFormat, file: File, t: TFunction): string | null {
  const rule = rules[format];
  if (!rule.types.includes(file.type))
    return t('templates.media.wrongType', {
      file: file.name,
      type: file.type || t('templates.media.unknownType'),
      header: t(`templates.media.headers.${format}`),
      kind: t(`templates.media.kinds.${format}`),
    });
  if (file.size > rule.maxMb * 1024 * 1024)
    return t('templates.media.tooLarge', {
      file: file.name,
      size: (file.size / 1024 / 1024).toFixed(1),
      kind: t(`templates.media.kinds.${format}`),
      max: rule.maxMb,
    });
  return null;
}

/**
 * Picks the example file of a media header and uploads it at once (Meta's Resumable Upload
 * API, through the server); the handle and a preview go back to the builder.
 */
export function HeaderMediaInput({
  format,
  accountId,
  media,
  onChange,
}: {
  format: MediaFormat;
  accountId: string | null;
  media: HeaderMedia | null;
  onChange: (media: HeaderMedia | null) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = media !== null && media.format === format ? media : null;

  // Object URLs hold the file in memory until revoked.
  useEffect(
    () => () => {
      if (current?.previewUrl.startsWith('blob:') === true) URL.revokeObjectURL(current.previewUrl);
    },
    [current?.previewUrl],
  );

  const pick = async (picked: File | null): Promise<void> => {
    setFile(picked);
    setError(null);
    if (picked === null) {
      onChange(null);
      return;
    }
    const problem = sampleProblem(format, picked, t);
    if (problem !== null) {
      setError(problem);
      onChange(null);
      return;
    }
    if (accountId === null) {
      setError(t('templates.media.chooseAccount'));
      return;
    }
    setBusy(true);
    try {
      const uploaded = await uploadHeaderExample(accountId, picked);
      onChange({
        exampleId: uploaded.exampleId,
        handle: uploaded.handle,
        format: uploaded.format,
        fileName: uploaded.fileName,
        previewUrl: uploaded.previewDataUrl ?? URL.createObjectURL(picked),
      });
    } catch (err) {
      setError(
        t('templates.media.uploadFailed', {
          file: picked.name,
          reason: err instanceof ApiError ? apiErrorMessage(err, t) : String(err),
        }),
      );
      onChange(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <FileInput
        mt="xs"
        label={t('templates.media.exampleFile')}
        description={t('templates.media.hint', {
          kind: t(`templates.media.kinds.${format}`),
          max: rules[format].maxMb,
        })}
        placeholder={t('templates.media.choose', { kind: t(`templates.media.kinds.${format}`) })}
        accept={rules[format].accept}
        value={file}
        onChange={(f) => void pick(f)}
        clearable
        // Mantine's clear button is an icon with no name of its own (WCAG 4.1.2).
        clearButtonProps={{ 'aria-label': t('templates.media.clear') }}
        leftSection={busy ? <Loader size={14} /> : <IconUpload size={16} />}
        error={error}
        disabled={busy}
      />
      {current !== null && !busy && (
        <Group gap={4} mt={4} data-testid="header-example-uploaded">
          <IconCheck size={14} color="green" />
          <Text size="xs" c="dimmed">
            {t('templates.media.uploaded', { file: current.fileName })}
          </Text>
        </Group>
      )}
    </>
  );
}
