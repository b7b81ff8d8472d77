import { useState } from 'react';
import { ActionIcon, Popover, SimpleGrid, Tooltip, UnstyledButton } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { composerEmoji } from './emoji';

/** The composer's emoji button: a grid of common emoji, each named for screen readers. */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" trapFocus withArrow>
      <Popover.Target>
        <Tooltip label={t('inbox.composer.emoji')}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('inbox.composer.emoji')}
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
          >
            <IconMoodSmile size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={t('inbox.composer.emoji')} p="xs">
        <SimpleGrid cols={8} spacing={2}>
          {composerEmoji.map((e) => {
            const name = t(`inbox.emoji.names.${e.key}`);
            return (
              <UnstyledButton
                key={e.key}
                aria-label={name}
                title={name}
                onClick={() => {
                  onPick(e.char);
                  setOpened(false);
                }}
                style={{
                  fontSize: 22,
                  lineHeight: 1,
                  padding: 4,
                  borderRadius: 4,
                  textAlign: 'center',
                }}
              >
                <span aria-hidden>{e.char}</span>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
