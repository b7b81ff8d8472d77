import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor, Button, Group, Loader, Table, Text } from '@mantine/core';
import { ApiErrorAlert } from '../../../app/ApiErrorAlert';
import { PageHeader } from '../../../app/PageHeader';
import { ScrollTable } from '../../../app/ScrollTable';
import { useLocale } from '../../../i18n/locale-context';
import { useCan } from '../../auth/session';
import { ImportStatusBadge } from './ImportStatusBadge';
import { useContactImports } from './imports.api';

/** Past imports, newest first, with their status and counts. */
export function ImportsListPage() {
  const { t } = useTranslation();
  const { fmt } = useLocale();
  const imports = useContactImports();
  const canManage = useCan('contacts.manage');
  return (
    <>
      <PageHeader
        title={t('imports.listTitle')}
        description={t('imports.listDescription')}
        actions={
          <Group>
            <Anchor component={Link} to="/contacts" size="sm">
              {t('contacts.back')}
            </Anchor>
            {canManage && (
              <Button component={Link} to="/contacts/import">
                {t('imports.new')}
              </Button>
            )}
          </Group>
        }
      />
      {imports.error !== null ? (
        <ApiErrorAlert error={imports.error} />
      ) : imports.data === undefined ? (
        <Loader aria-label={t('common.loading')} />
      ) : imports.data.length === 0 ? (
        <Text c="dimmed">{t('imports.none')}</Text>
      ) : (
        <ScrollTable minWidth={700} label={t('imports.listTitle')}>
          <Table striped data-testid="imports-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.started')}</Table.Th>
                <Table.Th>{t('imports.status')}</Table.Th>
                <Table.Th>{t('imports.rows')}</Table.Th>
                <Table.Th>{t('imports.summary.created')}</Table.Th>
                <Table.Th>{t('imports.summary.updated')}</Table.Th>
                <Table.Th>{t('imports.summary.invalid')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/imports/${encodeURIComponent(i.id)}`}>
                      {fmt.dateTime(i.createdAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <ImportStatusBadge status={i.status} />
                  </Table.Td>
                  <Table.Td>{fmt.number(i.rowsDone)}</Table.Td>
                  <Table.Td>{fmt.number(i.summary.created)}</Table.Td>
                  <Table.Td>{fmt.number(i.summary.updated)}</Table.Td>
                  <Table.Td>{fmt.number(i.summary.invalid)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </>
  );
}
