import { Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { panelLanguageNames, panelLanguages, type PanelLanguage } from '@kiana/contracts';
import { notifyApiError } from '../../app/ApiErrorAlert';
import { useLocale } from '../../i18n/locale-context';
import { useSavePreferences } from './preferences';

/** The user menu's language items: switches at once and stores the choice on the user. */
export function LanguageMenuItems() {
  const { t } = useTranslation();
  const { settings } = useLocale();
  const save = useSavePreferences();
  const choose = (language: PanelLanguage) => save({ language }).catch(notifyApiError);
  return (
    <>
      <Menu.Label>
        <IconLanguage size={12} aria-hidden /> {t('account.language')}
      </Menu.Label>
      {panelLanguages.map((language) => (
        <Menu.Item
          key={language}
          lang={language}
          dir="auto"
          data-testid={`language-${language}`}
          aria-current={settings.language === language ? 'true' : undefined}
          leftSection={
            settings.language === language ? (
              <IconCheck size={14} />
            ) : (
              <span style={{ width: 14 }} />
            )
          }
          onClick={() => void choose(language)}
        >
          {panelLanguageNames[language]}
        </Menu.Item>
      ))}
    </>
  );
}
