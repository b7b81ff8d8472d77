import { useEffect, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AutomationSettings, NumberHours } from '@kiana/contracts';
import { ApiErrorAlert, notifyApiError } from '../../app/ApiErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { ScrollTable } from '../../app/ScrollTable';
import { useAccounts } from '../accounts/accounts.api';
import {
  useAgents,
  useAutomationSettings,
  useSaveAutomationSettings,
  useSetAvailability,
} from './automations.api';

const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

type Patch = (change: Partial<AutomationSettings>) => void;

function Section({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Stack>
        <div>
          <Title order={4}>{title}</Title>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** One sending number's weekly hours: a row per weekday, open or closed. */
function NumberHoursEditor({
  label,
  hours,
  onChange,
}: {
  label: string;
  hours: NumberHours;
  onChange: (h: NumberHours) => void;
}) {
  const { t } = useTranslation();
  const of = (day: number) => hours.intervals.find((i) => i.day === day);
  const setDay = (day: number, value: { start: string; end: string } | null) =>
    onChange({
      ...hours,
      intervals: [
        ...hours.intervals.filter((i) => i.day !== day),
        ...(value === null ? [] : [{ day, ...value }]),
      ].sort((a, b) => a.day - b.day),
    });
  return (
    <Stack gap="xs" data-testid="number-hours">
      <Text fw={600}>{label}</Text>
      <TextInput
        label={t('automations.timeZone')}
        value={hours.timeZone}
        dir="ltr"
        onChange={(e) => onChange({ ...hours, timeZone: e.currentTarget.value })}
      />
      <ScrollTable minWidth={420} label={t('automations.hours')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('automations.day')}</Table.Th>
              <Table.Th>{t('automations.opens')}</Table.Th>
              <Table.Th>{t('automations.closes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {DAYS.map((day) => {
              const interval = of(day);
              const name = t(`automations.days.${day}`);
              return (
                <Table.Tr key={day}>
                  <Table.Td>
                    <Checkbox
                      label={name}
                      checked={interval !== undefined}
                      onChange={(e) =>
                        setDay(
                          day,
                          e.currentTarget.checked ? { start: '09:00', end: '17:00' } : null,
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="time"
                      aria-label={`${t('automations.opens')} ${name}`}
                      disabled={interval === undefined}
                      value={interval?.start ?? ''}
                      onChange={(e) =>
                        interval && setDay(day, { ...interval, start: e.currentTarget.value })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="time"
                      aria-label={`${t('automations.closes')} ${name}`}
                      disabled={interval === undefined}
                      value={interval?.end ?? ''}
                      onChange={(e) =>
                        interval && setDay(day, { ...interval, end: e.currentTarget.value })
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Textarea
        label={t('automations.awayMessage')}
        value={hours.awayMessage}
        autosize
        minRows={2}
        onChange={(e) => onChange({ ...hours, awayMessage: e.currentTarget.value })}
      />
    </Stack>
  );
}

function BusinessHours({ value, patch }: { value: AutomationSettings; patch: Patch }) {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const numbers = (accounts.data ?? []).flatMap((a) => a.phoneNumbers);
  const bh = value.businessHours;
  const setNumbers = (ns: NumberHours[]) => patch({ businessHours: { ...bh, numbers: ns } });
  return (
    <Section title={t('automations.businessHours')} hint={t('automations.businessHoursHint')}>
      <Switch
        label={t('automations.enabled')}
        checked={bh.isEnabled}
        onChange={(e) => patch({ businessHours: { ...bh, isEnabled: e.currentTarget.checked } })}
        data-testid="hours-enabled"
      />
      {numbers.map((n) => {
        const hours = bh.numbers.find((h) => h.phoneNumberId === n.phoneNumberId);
        const label = `${n.verifiedName ?? ''} ${n.displayPhoneNumber}`.trim();
        return (
          <Stack key={n.phoneNumberId} gap="xs">
            <Checkbox
              label={t('automations.useHours', { number: label })}
              checked={hours !== undefined}
              onChange={(e) =>
                setNumbers(
                  e.currentTarget.checked
                    ? [
                        ...bh.numbers,
                        {
                          phoneNumberId: n.phoneNumberId,
                          timeZone: browserZone,
                          intervals: [1, 2, 3, 4, 5].map((day) => ({
                            day,
                            start: '09:00',
                            end: '17:00',
                          })),
                          awayMessage: t('automations.defaultAway'),
                        },
                      ]
                    : bh.numbers.filter((h) => h.phoneNumberId !== n.phoneNumberId),
                )
              }
            />
            {hours !== undefined && (
              <NumberHoursEditor
                label={label}
                hours={hours}
                onChange={(h) =>
                  setNumbers(bh.numbers.map((x) => (x.phoneNumberId === h.phoneNumberId ? h : x)))
                }
              />
            )}
          </Stack>
        );
      })}
    </Section>
  );
}

function Keywords({ value, patch }: { value: AutomationSettings; patch: Patch }) {
  const { t } = useTranslation();
  const kw = value.keywords;
  const setRules = (rules: AutomationSettings['keywords']['rules']) =>
    patch({ keywords: { ...kw, rules } });
  return (
    <Section title={t('automations.keywords')} hint={t('automations.keywordsHint')}>
      <Switch
        label={t('automations.enabled')}
        checked={kw.isEnabled}
        onChange={(e) => patch({ keywords: { ...kw, isEnabled: e.currentTarget.checked } })}
      />
      {kw.rules.map((r, i) => (
        <Group key={i} align="flex-end" wrap="wrap" data-testid="keyword-rule">
          <Select
            label={t('automations.match')}
            data={[
              { value: 'exact', label: t('automations.exact') },
              { value: 'contains', label: t('automations.contains') },
            ]}
            value={r.match}
            allowDeselect={false}
            w={140}
            onChange={(v) =>
              setRules(
                kw.rules.map((x, j) =>
                  j === i ? { ...x, match: v === 'exact' ? 'exact' : 'contains' } : x,
                ),
              )
            }
          />
          <TextInput
            label={t('automations.keyword')}
            value={r.keyword}
            onChange={(e) => {
              const keyword = e.currentTarget.value;
              setRules(kw.rules.map((x, j) => (j === i ? { ...x, keyword } : x)));
            }}
          />
          <TextInput
            label={t('automations.language')}
            placeholder={t('automations.anyLanguage')}
            value={r.language ?? ''}
            w={110}
            dir="ltr"
            onChange={(e) => {
              const language = e.currentTarget.value.trim();
              setRules(
                kw.rules.map((x, j) => (j === i ? { ...x, language: language || null } : x)),
              );
            }}
          />
          <TextInput
            label={t('automations.reply')}
            value={r.reply}
            style={{ flex: 1 }}
            onChange={(e) => {
              const reply = e.currentTarget.value;
              setRules(kw.rules.map((x, j) => (j === i ? { ...x, reply } : x)));
            }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`${t('common.remove')} ${r.keyword}`}
            onClick={() => setRules(kw.rules.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          onClick={() =>
            setRules([...kw.rules, { match: 'contains', keyword: '', language: null, reply: '' }])
          }
        >
          {t('automations.addKeyword')}
        </Button>
      </Group>
    </Section>
  );
}

function Agents() {
  const { t } = useTranslation();
  const agents = useAgents();
  const set = useSetAvailability();
  return (
    <Stack gap="xs">
      <ApiErrorAlert error={agents.error} />
      <Text fw={600}>{t('automations.agents')}</Text>
      {(agents.data ?? []).map((a) => (
        <Switch
          key={a.userId}
          label={`${a.displayName} · ${t('automations.openCount', { n: a.openConversations })}`}
          checked={a.isAvailable}
          disabled={set.isPending}
          onChange={(e) =>
            set.mutate(
              { userId: a.userId, isAvailable: e.currentTarget.checked },
              { onError: notifyApiError },
            )
          }
        />
      ))}
    </Stack>
  );
}

/** Settings → Automations: each inbox automation on or off, with its settings. */
export function AutomationsPage() {
  const { t } = useTranslation();
  const settings = useAutomationSettings();
  const save = useSaveAutomationSettings();
  const [value, setValue] = useState<AutomationSettings | null>(null);
  useEffect(() => {
    if (settings.data !== undefined && value === null) setValue(settings.data);
  }, [settings.data, value]);
  const patch: Patch = (change) => setValue((v) => (v === null ? v : { ...v, ...change }));
  return (
    <>
      <PageHeader
        title={t('settings.sections.automations.title')}
        description={t('settings.sections.automations.description')}
      />
      <ApiErrorAlert error={settings.error ?? save.error} />
      {value !== null && (
        <Stack>
          <Section title={t('automations.loop')} hint={t('automations.loopHint')}>
            <NumberInput
              label={t('automations.cooldown')}
              min={1}
              max={1440}
              w={220}
              value={value.replyCooldownMinutes}
              onChange={(v) => typeof v === 'number' && patch({ replyCooldownMinutes: v })}
            />
          </Section>
          <BusinessHours value={value} patch={patch} />
          <Section title={t('automations.welcome')} hint={t('automations.welcomeHint')}>
            <Switch
              label={t('automations.enabled')}
              checked={value.welcome.isEnabled}
              onChange={(e) =>
                patch({ welcome: { ...value.welcome, isEnabled: e.currentTarget.checked } })
              }
            />
            <Textarea
              label={t('automations.welcomeMessage')}
              value={value.welcome.message}
              autosize
              minRows={2}
              onChange={(e) =>
                patch({ welcome: { ...value.welcome, message: e.currentTarget.value } })
              }
            />
          </Section>
          <Keywords value={value} patch={patch} />
          <Section title={t('automations.autoAssign')} hint={t('automations.autoAssignHint')}>
            <Switch
              label={t('automations.enabled')}
              checked={value.autoAssign.isEnabled}
              onChange={(e) =>
                patch({ autoAssign: { ...value.autoAssign, isEnabled: e.currentTarget.checked } })
              }
            />
            <NumberInput
              label={t('automations.cap')}
              min={1}
              w={220}
              value={value.autoAssign.maxOpenPerAgent}
              onChange={(v) =>
                typeof v === 'number' &&
                patch({ autoAssign: { ...value.autoAssign, maxOpenPerAgent: v } })
              }
            />
            <Agents />
          </Section>
          <Section title={t('automations.autoClose')} hint={t('automations.autoCloseHint')}>
            <Switch
              label={t('automations.enabled')}
              checked={value.autoClose.isEnabled}
              onChange={(e) =>
                patch({ autoClose: { ...value.autoClose, isEnabled: e.currentTarget.checked } })
              }
            />
            <NumberInput
              label={t('automations.afterDays')}
              min={1}
              max={365}
              w={220}
              value={value.autoClose.afterDays}
              onChange={(v) =>
                typeof v === 'number' && patch({ autoClose: { ...value.autoClose, afterDays: v } })
              }
            />
          </Section>
          <Group>
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(value, {
                  onSuccess: (data) => {
                    setValue(data);
                    notifications.show({ message: t('automations.saved'), color: 'green' });
                  },
                })
              }
              data-testid="automations-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </>
  );
}
