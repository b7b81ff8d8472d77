import { Box, Center, Divider, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { templateLanguageDir, templateLanguageTag } from './template-languages';
import {
  IconCopy,
  IconExternalLink,
  IconFileText,
  IconMapPin,
  IconPhone,
  IconPhoto,
  IconPlayerPlay,
  IconCornerUpLeft,
} from '@tabler/icons-react';
import type { DraftComponent } from '@kiana/contracts';
import { componentOf, fillExamples } from './template-examples';

const mediaIcon = {
  IMAGE: IconPhoto,
  VIDEO: IconPlayerPlay,
  DOCUMENT: IconFileText,
  LOCATION: IconMapPin,
} as const;
const buttonIcon = {
  URL: IconExternalLink,
  PHONE_NUMBER: IconPhone,
  COPY_CODE: IconCopy,
  QUICK_REPLY: IconCornerUpLeft,
} as const;

/** A WhatsApp-style bubble of a template with its example values (and uploaded sample) filled in. */
export function TemplatePreview({
  components,
  language,
  mediaPreview,
}: {
  components: readonly DraftComponent[];
  /** The template's language: the bubble is written and aligned in its direction. */
  language: string;
  /** The header's sample file as uploaded in the builder. */
  mediaPreview?: { url: string; fileName: string } | undefined;
}) {
  const { t } = useTranslation();
  const header = componentOf(components, 'HEADER');
  const body = componentOf(components, 'BODY');
  const footer = componentOf(components, 'FOOTER');
  const buttons = componentOf(components, 'BUTTONS')?.buttons ?? [];
  const format = (header?.format ?? 'TEXT').toUpperCase();
  const MediaIcon = mediaIcon[format as keyof typeof mediaIcon];
  return (
    <Box
      bg="#efeae2"
      p="md"
      style={{ borderRadius: 8 }}
      data-testid="template-preview"
      aria-label={t('templates.preview.label')}
      role="group"
      lang={templateLanguageTag(language)}
      dir={templateLanguageDir(language)}
    >
      <Paper shadow="xs" radius="md" p={0} maw={340} bg="#ffffff" style={{ overflow: 'hidden' }}>
        {header !== undefined && mediaPreview !== undefined && format === 'IMAGE' && (
          <Image
            src={mediaPreview.url}
            alt={mediaPreview.fileName}
            h={180}
            fit="cover"
            data-testid="preview-header-image"
          />
        )}
        {header !== undefined && mediaPreview !== undefined && format === 'VIDEO' && (
          <video
            src={mediaPreview.url}
            controls
            muted
            style={{ width: '100%', display: 'block', maxHeight: 200, background: '#000' }}
            data-testid="preview-header-video"
          />
        )}
        {header !== undefined &&
          MediaIcon !== undefined &&
          (mediaPreview === undefined || format === 'DOCUMENT' || format === 'LOCATION') && (
            <Center h={140} bg="#e4e8eb" data-testid={`preview-header-${format.toLowerCase()}`}>
              <Stack gap={2} align="center">
                <MediaIcon size={40} color="#3b4a54" aria-hidden />
                <Text size="xs" c="#3b4a54">
                  {format === 'DOCUMENT' && mediaPreview !== undefined
                    ? mediaPreview.fileName
                    : t(`templates.builder.headerKinds.${format as 'IMAGE'}`)}
                </Text>
              </Stack>
            </Center>
          )}
        <Stack gap={4} p="sm">
          {header !== undefined && format === 'TEXT' && (
            <Text fw={700} c="#111b21" data-testid="preview-header-text">
              {fillExamples(header, 'header')}
            </Text>
          )}
          <Text size="sm" c="#111b21" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
            {fillExamples(body, 'body') || t('templates.preview.bodyPlaceholder')}
          </Text>
          {footer !== undefined && (
            <Text size="xs" c="#54656f">
              {footer.text}
            </Text>
          )}
          <Text size="xs" c="#54656f" ta="end" dir="ltr">
            {t('templates.preview.time')}
          </Text>
        </Stack>
        {buttons.map((b, i) => {
          const type = b.type.toUpperCase() as keyof typeof buttonIcon;
          const Icon = buttonIcon[type] ?? IconCornerUpLeft;
          return (
            <Box key={`${b.type}-${i}`}>
              <Divider color="#e9edef" />
              <Group justify="center" gap={6} py={8}>
                <Icon size={16} color="#0271a6" aria-hidden />
                <Text size="sm" c="#0271a6" fw={500}>
                  {type === 'COPY_CODE'
                    ? t('templates.builder.buttonTypes.COPY_CODE')
                    : (b.text ?? '')}
                </Text>
              </Group>
            </Box>
          );
        })}
      </Paper>
    </Box>
  );
}
