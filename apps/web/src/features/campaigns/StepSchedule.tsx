import { useState } from 'react';
import {
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TemplateDto } from '@kiana/contracts';
import { useLocale } from '../../i18n/locale-context';
import { epochToZoned, minutesToTime, timeToMinutes, zonedToEpoch } from './campaigns.format';
import type { StepProps } from './wizard-state';

const zones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** Step 4: when (now, or a time in a zone), the recipients' local window, the cap, the channel. */
export function StepSchedule({
  form,
  onChange,
  template,
}: StepProps & { template: TemplateDto | undefined }) {
  const { t } = useTranslation();
  const { settings } = useLocale();
  const zone = form.scheduleTimeZone ?? settings.timeZone;
  const [later, setLater] = useState(form.scheduleAt !== null);
  const [local, setLocal] = useState(
    form.scheduleAt === null ? '' : epochToZoned(form.scheduleAt, zone),
  );
  const setSchedule = (value: string, timeZone: string) => {
    setLocal(value);
    onChange({ scheduleAt: zonedToEpoch(value, timeZone), scheduleTimeZone: timeZone });
  };
  const window = form.sendWindow;
  const cap = form.frequencyCap;
  return (
    <Stack maw={620}>
      <SegmentedControl
        value={later ? 'later' : 'now'}
        data={[
          { value: 'now', label: t('campaigns.sendNow') },
          { value: 'later', label: t('campaigns.sendLater') },
        ]}
        onChange={(v) => {
          setLater(v === 'later');
          if (v === 'now') onChange({ scheduleAt: null, scheduleTimeZone: null });
        }}
        data-testid="schedule-mode"
      />
      {later && (
        <Group align="flex-end">
          <TextInput
            type="datetime-local"
            label={t('campaigns.scheduleAt')}
            value={local}
            onChange={(e) => setSchedule(e.currentTarget.value, zone)}
            dir="ltr"
          />
          <Select
            label={t('campaigns.timeZone')}
            searchable
            data={zones}
            value={zone}
            onChange={(z) => z !== null && setSchedule(local, z)}
            w={240}
          />
        </Group>
      )}
      <Switch
        label={t('campaigns.sendWindow')}
        description={t('campaigns.sendWindowHint')}
        checked={window !== null}
        onChange={(e) =>
          onChange({
            sendWindow: e.currentTarget.checked
              ? { startMinute: 9 * 60, endMinute: 20 * 60 }
              : null,
          })
        }
      />
      {window !== null && (
        <Group>
          <TextInput
            type="time"
            label={t('campaigns.windowFrom')}
            value={minutesToTime(window.startMinute)}
            onChange={(e) => {
              const m = timeToMinutes(e.currentTarget.value);
              if (m !== null) onChange({ sendWindow: { ...window, startMinute: m } });
            }}
            dir="ltr"
          />
          <TextInput
            type="time"
            label={t('campaigns.windowTo')}
            value={minutesToTime(window.endMinute)}
            onChange={(e) => {
              const m = timeToMinutes(e.currentTarget.value);
              if (m !== null)
                onChange({ sendWindow: { ...window, endMinute: m === 0 ? 1440 : m } });
            }}
            dir="ltr"
          />
        </Group>
      )}
      <Switch
        label={t('campaigns.frequencyCap')}
        description={t('campaigns.frequencyCapHint')}
        checked={cap !== null}
        onChange={(e) =>
          onChange({ frequencyCap: e.currentTarget.checked ? { max: 2, days: 7 } : null })
        }
      />
      {cap !== null && (
        <Group>
          <NumberInput
            label={t('campaigns.capMax')}
            min={0}
            max={1000}
            value={cap.max}
            onChange={(v) =>
              typeof v === 'number' && onChange({ frequencyCap: { ...cap, max: v } })
            }
            w={160}
          />
          <NumberInput
            label={t('campaigns.capDays')}
            min={1}
            max={365}
            value={cap.days}
            onChange={(v) =>
              typeof v === 'number' && onChange({ frequencyCap: { ...cap, days: v } })
            }
            w={160}
          />
        </Group>
      )}
      {template?.category.toUpperCase() === 'MARKETING' && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('campaigns.channel')}
          </Text>
          <SegmentedControl
            value={form.channel}
            data={[
              { value: 'cloud_api', label: t('campaigns.channels.cloud_api') },
              { value: 'mm_lite', label: t('campaigns.channels.mm_lite') },
            ]}
            onChange={(v) => onChange({ channel: v === 'mm_lite' ? 'mm_lite' : 'cloud_api' })}
          />
          <Text size="xs" c="dimmed">
            {t('campaigns.channelHint')}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
