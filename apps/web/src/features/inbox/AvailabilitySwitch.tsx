import { Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { useSession } from '../auth/session';
import { useSetMyAvailability, useTeam } from './team.api';

/**
 * The agent's own online / away switch: new conversations are auto-assigned only to agents
 * who are online (and signed in); the team sees it beside assignees.
 */
export function AvailabilitySwitch() {
  const { t } = useTranslation();
  const { session } = useSession();
  const team = useTeam();
  const set = useSetMyAvailability();
  const mine = team.data?.find((a) => a.userId === session.user.id);
  if (mine === undefined) return null;
  const value = (set.isPending ? set.variables : mine.isAvailable) ? 'online' : 'away';
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed" id="availability-label">
        {t('inbox.availability.label')}
      </Text>
      <SegmentedControl
        size="xs"
        data-testid="availability"
        aria-labelledby="availability-label"
        value={value}
        onChange={(v) => set.mutate(v === 'online')}
        color={value === 'online' ? 'teal' : 'gray'}
        data={[
          { value: 'online', label: t('inbox.availability.online') },
          { value: 'away', label: t('inbox.availability.away') },
        ]}
      />
      <ApiErrorAlert error={set.error} />
    </Group>
  );
}
