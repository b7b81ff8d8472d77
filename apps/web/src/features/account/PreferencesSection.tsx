import { useMemo } from 'react';
import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  matchPanelLanguage,
  panelLanguageNames,
  panelLanguages,
  panelLanguageSchema,
  calendarSchema,
} from '@kiana/contracts';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useLocale } from '../../i18n/locale-context';
import { browserTimeZone } from '../../i18n/format';
import { useSavePreferences } from '../auth/preferences';
import { useSession } from '../auth/session';

const BROWSER = 'browser';

/** Language, time zone and calendar of the signed-in user, stored on the server. */
export function PreferencesSection() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { settings, fmt } = useLocale();
  const save = useSavePreferences();
  const user = session.user;
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const browserLanguage = matchPanelLanguage(navigator.languages) ?? 'en';
  const run = (change: Parameters<typeof save>[0]) => void save(change).catch(notifyApiError);

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('account.preferences')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('account.language')}
          data-testid="preference-language"
          allowDeselect={false}
          value={user.language ?? BROWSER}
          data={[
            {
              value: BROWSER,
              label: t('account.browserDefault', { language: panelLanguageNames[browserLanguage] }),
            },
            ...panelLanguages.map((l) => ({ value: l, label: panelLanguageNames[l] })),
          ]}
          onChange={(value) => {
            const parsed = panelLanguageSchema.safeParse(value);
            run({ language: parsed.success ? parsed.data : null });
          }}
        />
        <Select
          label={t('account.timeZone')}
          searchable
          allowDeselect={false}
          value={user.timeZone ?? BROWSER}
          data={[
            { value: BROWSER, label: t('account.timeZoneDefault', { zone: browserTimeZone() }) },
            ...zones.map((z) => ({ value: z, label: z })),
          ]}
          onChange={(value) => run({ timeZone: value === BROWSER ? null : value })}
        />
        {settings.language === 'fa' && (
          <Select
            label={t('account.calendar')}
            allowDeselect={false}
            value={settings.calendar}
            data={[
              { value: 'persian', label: t('account.calendarPersian') },
              { value: 'gregory', label: t('account.calendarGregory') },
            ]}
            onChange={(value) => {
              const parsed = calendarSchema.safeParse(value);
              if (parsed.success) run({ calendar: parsed.data });
            }}
          />
        )}
      </Group>
      <Text size="sm" c="dimmed" data-testid="date-preview">
        {t('account.preview', { date: fmt.dateTime(Date.now()) })}
      </Text>
    </Stack>
  );
}
