import { Box, Center, Divider, Group, Paper, Stack, Text } from '@mantine/core';
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

/** A WhatsApp-style bubble of a template with its example values filled in. */
export function TemplatePreview({ components }: { components: readonly DraftComponent[] }) {
  const header = componentOf(components, 'HEADER');
  const body = componentOf(components, 'BODY');
  const footer = componentOf(components, 'FOOTER');
  const buttons = componentOf(components, 'BUTTONS')?.buttons ?? [];
  const format = (header?.format ?? 'TEXT').toUpperCase();
  const MediaIcon = mediaIcon[format as keyof typeof mediaIcon];
  return (
    <Box bg="#efeae2" p="md" style={{ borderRadius: 8 }} data-testid="template-preview">
      <Paper shadow="xs" radius="md" p={0} maw={340} bg="#ffffff" style={{ overflow: 'hidden' }}>
        {header !== undefined && MediaIcon !== undefined && (
          <Center h={140} bg="#d9dee3" data-testid={`preview-header-${format.toLowerCase()}`}>
            <Stack gap={2} align="center">
              <MediaIcon size={40} color="#667781" />
              <Text size="xs" c="#667781">
                {format.charAt(0) + format.slice(1).toLowerCase()}
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
            {fillExamples(body, 'body') || 'Body text…'}
          </Text>
          {footer !== undefined && (
            <Text size="xs" c="#667781">
              {footer.text}
            </Text>
          )}
          <Text size="xs" c="#667781" ta="right">
            12:00
          </Text>
        </Stack>
        {buttons.map((b, i) => {
          const type = b.type.toUpperCase() as keyof typeof buttonIcon;
          const Icon = buttonIcon[type] ?? IconCornerUpLeft;
          return (
            <Box key={`${b.type}-${i}`}>
              <Divider color="#e9edef" />
              <Group justify="center" gap={6} py={8}>
                <Icon size={16} color="#00a5f4" />
                <Text size="sm" c="#00a5f4" fw={500}>
                  {type === 'COPY_CODE' ? 'Copy offer code' : (b.text ?? '')}
                </Text>
              </Group>
            </Box>
          );
        })}
      </Paper>
    </Box>
  );
}
