import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader';

/** Stands in for a section whose module has not been built yet, and says so plainly. */
export function PlaceholderPage({ section }: { section: 'inbox' | 'campaigns' }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t(`nav.${section}`)}
        description={t(`placeholder.${section}Description`)}
      />
      <Alert variant="light" icon={<IconInfoCircle />} title={t('placeholder.notYet')}>
        {t('placeholder.roadmap')}
      </Alert>
    </>
  );
}
