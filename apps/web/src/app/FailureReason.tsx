import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { findFailure, type FailureCategory } from '@kiana/contracts';
import type en from '../i18n/locales/en/translation.json';

type Explanation = keyof typeof en.failures.explanation;
type Action = keyof typeof en.failures.action;

/** Badge colour of a category: waiting fixes it (yellow), someone must act (red). */
function categoryColor(category: FailureCategory | null): string {
  switch (category) {
    case 'retryable':
    case 'throttled':
    case 'pair-limited':
      return 'yellow';
    case 'window-closed':
    case 'spam-quality':
    case 'unknown-outcome':
      return 'orange';
    default:
      return 'red';
  }
}

/**
 * Why Meta refused or failed a message, in the user's language: the code, its category, a
 * plain explanation and what to do (the failure catalogue in @kiana/contracts). An unknown
 * code still gets an answer that names it. For campaigns, the inbox, the logs and reports.
 */
export function FailureReason({ code, compact = false }: { code: number; compact?: boolean }) {
  const { t } = useTranslation();
  const entry = findFailure(code);
  const category = entry?.category ?? null;
  const explanation =
    entry === undefined
      ? t('failures.unknownExplanation', { code })
      : t(`failures.explanation.${entry.explanation as Explanation}`);
  const action = t(`failures.action.${(entry?.action ?? 'checkDetails') as Action}`);
  const size = compact ? 'xs' : 'sm';
  return (
    <Stack gap={2} data-testid="failure-reason" data-code={code}>
      <Group gap={6} wrap="nowrap">
        <Badge color={categoryColor(category)} variant="light" size={size}>
          {t('failures.code', { code })}
        </Badge>
        <Text size="xs" c="dimmed">
          {t(`failures.category.${category ?? 'unknown'}`)}
        </Text>
      </Group>
      <Text size={size}>{explanation}</Text>
      <Text size={size} c="dimmed">
        {t('failures.whatToDo')}: {action}
      </Text>
    </Stack>
  );
}
