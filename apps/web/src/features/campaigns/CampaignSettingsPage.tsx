import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  pricingCategorySchema,
  type PricingCategory,
  type RateCardInput,
  type RateCardRow,
} from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { ScrollTable } from '../../app/ScrollTable';
import {
  useCampaignSettings,
  useRateCard,
  useSaveCampaignSettings,
  useSaveRateCard,
} from './campaigns.api';
import { fromMicros } from './campaigns.format';

/** A row as edited: the price in currency units (the API keeps millionths). */
interface DraftRow {
  key: number;
  countryCode: string;
  category: PricingCategory;
  currency: string;
  price: number | '';
}

let nextKey = 1;
const toDraft = (r: RateCardRow): DraftRow => ({
  key: nextKey++,
  countryCode: r.countryCode,
  category: r.category,
  currency: r.currency,
  price: fromMicros(r.priceMicros),
});
const toInput = (r: DraftRow): RateCardInput => ({
  countryCode: r.countryCode.trim().toUpperCase(),
  category: r.category,
  currency: r.currency.trim().toUpperCase(),
  priceMicros: Math.round((r.price === '' ? 0 : r.price) * 1_000_000),
});

function ApprovalSwitch() {
  const { t } = useTranslation();
  const settings = useCampaignSettings();
  const save = useSaveCampaignSettings();
  return (
    <Paper withBorder p="md">
      <ApiErrorAlert error={settings.error} />
      <Switch
        label={t('campaigns.settings.approval')}
        description={t('campaigns.settings.approvalHint')}
        checked={settings.data?.approvalRequired ?? false}
        disabled={settings.data === undefined || save.isPending}
        onChange={(e) =>
          save.mutate({ approvalRequired: e.currentTarget.checked }, { onError: notifyApiError })
        }
        data-testid="approval-required"
      />
    </Paper>
  );
}

function RateCardEditor() {
  const { t } = useTranslation();
  const card = useRateCard();
  const save = useSaveRateCard();
  const [rows, setRows] = useState<DraftRow[] | null>(null);
  useEffect(() => {
    if (card.data !== undefined && rows === null) setRows(card.data.rows.map(toDraft));
  }, [card.data, rows]);
  const patch = (key: number, change: Partial<DraftRow>) =>
    setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...change } : r)));
  const hasExamples = card.data?.rows.some((r) => r.isExample) ?? false;
  const categories = pricingCategorySchema.options.map((c) => ({
    value: c,
    label: t(`campaigns.pricing.${c}`),
  }));
  return (
    <Paper withBorder p="md">
      <Stack>
        <div>
          <Title order={4}>{t('campaigns.settings.rateCard')}</Title>
          <Text size="sm" c="dimmed">
            {t('campaigns.settings.rateCardHint')}
          </Text>
        </div>
        {hasExamples && (
          <Alert color="yellow" data-testid="rate-card-examples">
            {t('campaigns.settings.examplePrices')}
          </Alert>
        )}
        <ApiErrorAlert error={card.error ?? save.error} />
        <ScrollTable minWidth={560} label={t('campaigns.settings.rateCard')}>
          <Table data-testid="rate-card">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.review.country')}</Table.Th>
                <Table.Th>{t('campaigns.review.category')}</Table.Th>
                <Table.Th>{t('campaigns.settings.currency')}</Table.Th>
                <Table.Th>{t('campaigns.review.price')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.remove')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rows ?? []).map((r, i) => (
                <Table.Tr key={r.key} data-testid="rate-row">
                  <Table.Td>
                    <TextInput
                      aria-label={`${t('campaigns.review.country')} ${i + 1}`}
                      value={r.countryCode}
                      maxLength={2}
                      w={70}
                      dir="ltr"
                      onChange={(e) => patch(r.key, { countryCode: e.currentTarget.value })}
                      data-testid="rate-country"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${t('campaigns.review.category')} ${i + 1}`}
                      data={categories}
                      value={r.category}
                      allowDeselect={false}
                      w={170}
                      onChange={(v) =>
                        v !== null && patch(r.key, { category: pricingCategorySchema.parse(v) })
                      }
                      data-testid="rate-category"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t('campaigns.settings.currency')} ${i + 1}`}
                      value={r.currency}
                      maxLength={3}
                      w={80}
                      dir="ltr"
                      onChange={(e) => patch(r.key, { currency: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t('campaigns.review.price')} ${i + 1}`}
                      value={r.price}
                      min={0}
                      decimalScale={6}
                      hideControls
                      w={120}
                      dir="ltr"
                      onChange={(v) => patch(r.key, { price: typeof v === 'number' ? v : '' })}
                      data-testid="rate-price"
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('common.remove')} ${r.countryCode} ${t(`campaigns.pricing.${r.category}`)}`}
                      onClick={() => setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setRows((rs) => [
                ...(rs ?? []),
                {
                  key: nextKey++,
                  countryCode: '',
                  category: 'marketing',
                  currency: rs?.[0]?.currency ?? 'USD',
                  price: '',
                },
              ])
            }
            data-testid="rate-add"
          >
            {t('campaigns.settings.addRow')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={rows === null}
            onClick={() =>
              save.mutate(
                { rows: (rows ?? []).map(toInput) },
                {
                  onSuccess: (data) => {
                    setRows(data.rows.map(toDraft));
                    notifications.show({ message: t('campaigns.settings.saved'), color: 'green' });
                  },
                },
              )
            }
            data-testid="rate-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Settings → Campaigns: maker/checker approval and the rate card of the cost estimate. */
export function CampaignSettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('settings.sections.campaigns.title')}
        description={t('settings.sections.campaigns.description')}
      />
      <Stack>
        <ApprovalSwitch />
        <RateCardEditor />
      </Stack>
    </>
  );
}
