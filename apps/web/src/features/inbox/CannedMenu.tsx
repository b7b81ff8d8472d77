import { Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '@kiana/contracts';

/**
 * The canned replies matching what follows `/`: a listbox the text box drives
 * (`aria-activedescendant`), so the arrows move, Enter inserts and Escape closes.
 */
export function CannedMenu({
  id,
  matches,
  active,
  onPick,
}: {
  id: string;
  matches: readonly CannedReply[];
  active: number;
  onPick: (c: CannedReply) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={4} shadow="sm">
      <div id={id} role="listbox" aria-label={t('inbox.composer.cannedList')}>
        {matches.map((c, i) => (
          <UnstyledButton
            key={c.id}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            tabIndex={-1}
            display="block"
            w="100%"
            p={6}
            style={{
              borderRadius: 4,
              background: i === active ? 'var(--mantine-primary-color-light)' : undefined,
            }}
            // Keeps the focus in the text box while the mouse picks.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(c)}
          >
            <Text size="sm" fw={600} span>
              <bdi>/{c.shortcut}</bdi>
            </Text>{' '}
            <Text size="sm" c="dimmed" span lineClamp={1}>
              <bdi>{c.text}</bdi>
            </Text>
          </UnstyledButton>
        ))}
      </div>
      {matches.length === 0 && (
        <Text size="sm" c="dimmed" p={6}>
          {t('inbox.composer.cannedNone')}
        </Text>
      )}
    </Paper>
  );
}
