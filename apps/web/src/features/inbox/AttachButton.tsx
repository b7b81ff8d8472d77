import { ActionIcon, FileButton, Tooltip } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { outboundMediaAccept } from '@kiana/contracts';

/** Opens the file picker limited to the types WhatsApp accepts. */
export function AttachButton({ onPick }: { onPick: (file: File | null) => void }) {
  const { t } = useTranslation();
  return (
    <FileButton onChange={onPick} accept={outboundMediaAccept}>
      {(props) => (
        <Tooltip label={t('inbox.composer.attach')}>
          <ActionIcon
            {...props}
            variant="default"
            size="lg"
            aria-label={t('inbox.composer.attach')}
            data-testid="attach-button"
          >
            <IconPaperclip size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </FileButton>
  );
}
