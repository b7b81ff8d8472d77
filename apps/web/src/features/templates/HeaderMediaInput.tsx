import { useEffect, useState } from 'react';
import { FileInput, Group, Loader, Text } from '@mantine/core';
import { IconCheck, IconUpload } from '@tabler/icons-react';
import { ApiError } from '../../api/client';
import { uploadHeaderExample } from './templates.api';
import type { HeaderMedia } from './template-draft';

type MediaFormat = HeaderMedia['format'];

// Meta's limits for template header samples; the server checks them again (and the content).
const rules: Record<
  MediaFormat,
  { accept: string; types: string[]; maxMb: number; label: string; header: string }
> = {
  IMAGE: {
    accept: 'image/jpeg,image/png',
    types: ['image/jpeg', 'image/png'],
    maxMb: 5,
    label: 'a JPEG or PNG image',
    header: 'an image header',
  },
  VIDEO: {
    accept: 'video/mp4',
    types: ['video/mp4'],
    maxMb: 16,
    label: 'an MP4 video',
    header: 'a video header',
  },
  DOCUMENT: {
    accept: 'application/pdf',
    types: ['application/pdf'],
    maxMb: 100,
    label: 'a PDF document',
    header: 'a document header',
  },
};

/** Why a file cannot be a sample of `format`, or null when it can be uploaded. */
export function sampleProblem(format: MediaFormat, file: File): string | null {
  const rule = rules[format];
  if (!rule.types.includes(file.type))
    return `${file.name} is ${file.type || 'of an unknown type'}: ${rule.header} needs ${rule.label}.`;
  if (file.size > rule.maxMb * 1024 * 1024)
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: ${rule.label} sample can be at most ${rule.maxMb} MB.`;
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
    const problem = sampleProblem(format, picked);
    if (problem !== null) {
      setError(problem);
      onChange(null);
      return;
    }
    if (accountId === null) {
      setError('Choose the account first: the sample is uploaded to its Meta app.');
      return;
    }
    setBusy(true);
    try {
      const uploaded = await uploadHeaderExample(accountId, picked);
      onChange({
        handle: uploaded.handle,
        format: uploaded.format,
        fileName: uploaded.fileName,
        previewUrl: uploaded.previewDataUrl ?? URL.createObjectURL(picked),
      });
    } catch (err) {
      setError(
        `Upload of ${picked.name} failed: ${err instanceof ApiError ? err.message : String(err)}`,
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
        label="Example file"
        description={`Meta reviews the template with this sample: ${rules[format].label}, at most ${rules[format].maxMb} MB.`}
        placeholder={`Choose ${rules[format].label}`}
        accept={rules[format].accept}
        value={file}
        onChange={(f) => void pick(f)}
        clearable
        leftSection={busy ? <Loader size={14} /> : <IconUpload size={16} />}
        error={error}
        disabled={busy}
      />
      {current !== null && !busy && (
        <Group gap={4} mt={4} data-testid="header-example-uploaded">
          <IconCheck size={14} color="green" />
          <Text size="xs" c="dimmed">
            {current.fileName} uploaded to Meta
          </Text>
        </Group>
      )}
    </>
  );
}
