import { useTranslation } from 'react-i18next';
import { Badge, Loader, Table, Text } from '@mantine/core';
import type { ConsentEvent } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { Ltr } from '../../app/Ltr';
import { ScrollTable } from '../../app/ScrollTable';
import { useLocale } from '../../i18n/locale-context';
import { consentColor } from './contacts.format';
import { useConsentHistory } from './imports/imports.api';

/** What proves a ledger entry: the message, the import or the user behind it, and any note. */
function evidenceOf(e: ConsentEvent): string {
  return [e.detail, e.messageId, e.importId, e.userId, e.note]
    .filter((x): x is string => x !== null && x !== '')
    .join(' · ');
}

/** A contact's consent ledger, newest first: time, state, source and evidence of each change. */
export function ConsentHistory({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const history = useConsentHistory(contactId);
  if (history.error !== null) return <ApiErrorAlert error={history.error} />;
  if (history.data === undefined) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (history.data.events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('consentHistory.none')}
      </Text>
    );
  return (
    <ScrollTable minWidth={640} label={t('consentHistory.title')}>
      <Table striped data-testid="consent-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('consentHistory.time')}</Table.Th>
            <Table.Th>{t('consentHistory.state')}</Table.Th>
            <Table.Th>{t('consentHistory.source')}</Table.Th>
            <Table.Th>{t('consentHistory.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.events.map((e) => (
            <Table.Tr key={e.id} data-testid="consent-event">
              <Table.Td>{fmt.dateTime(e.occurredAt)}</Table.Td>
              <Table.Td>
                <Badge color={consentColor[e.state]} variant="light">
                  {t(`contacts.consentStates.${e.state}`)}
                </Badge>
                {!e.isApplied && (
                  <Text size="xs" c="dimmed">
                    {t('consentHistory.superseded')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`consentHistory.sources.${e.source}`)}</Table.Td>
              <Table.Td>
                <Ltr>
                  <Text size="xs" component="span">
                    {evidenceOf(e) || '—'}
                  </Text>
                </Ltr>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
