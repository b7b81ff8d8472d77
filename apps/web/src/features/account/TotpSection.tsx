import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseDigits } from '../../i18n/digits';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { TotpSetup } from '@kiana/contracts';
import { ApiErrorAlert } from '../../app/ApiErrorAlert';
import { authApi } from '../auth/auth.api';

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('totp.saveCodes')}>
      <Text size="sm" mb="xs">
        {t('totp.codesHint')}
      </Text>
      <SimpleGrid cols={2} spacing={4} data-testid="recovery-codes">
        {codes.map((c) => (
          <Code key={c} dir="ltr">
            {c}
          </Code>
        ))}
      </SimpleGrid>
    </Alert>
  );
}

/** Two-factor authentication: QR enrolment, recovery codes, and turning it off. */
export function TotpSection({
  enabled,
  onChange,
}: {
  enabled: boolean;
  onChange(): Promise<void> | void;
}) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | undefined>();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Group>
        <Title order={3} size="h4">
          {t('totp.title')}
        </Title>
        <Badge color={enabled ? 'green' : 'gray'}>{enabled ? t('totp.on') : t('totp.off')}</Badge>
      </Group>
      <ApiErrorAlert error={error} />
      {codes !== undefined && <RecoveryCodes codes={codes} />}
      {!enabled && setup === undefined && (
        <Group>
          <Button
            loading={busy}
            onClick={() => run(async () => setSetup(await authApi.startTotp()))}
          >
            {t('totp.setUp')}
          </Button>
        </Group>
      )}
      {!enabled && setup !== undefined && (
        <Stack>
          <Text size="sm">{t('totp.scan')}</Text>
          <Image src={setup.qrDataUrl} alt={t('totp.qrAlt')} w={220} h={220} />
          <Text size="sm">
            {t('totp.byHand')}{' '}
            <Code data-testid="totp-secret" dir="ltr">
              {setup.secret}
            </Code>
          </Text>
          <Group align="flex-end">
            <TextInput
              label={t('totp.codeFromApp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <Button
              loading={busy}
              onClick={() =>
                run(async () => {
                  const result = await authApi.confirmTotp(
                    normaliseDigits(code).replace(/\s/g, ''),
                  );
                  setCodes(result.recoveryCodes);
                  setSetup(undefined);
                  setCode('');
                  await onChange();
                })
              }
            >
              {t('totp.turnOn')}
            </Button>
          </Group>
        </Stack>
      )}
      {enabled && (
        <Stack>
          <Group align="flex-end">
            <PasswordInput
              label={t('totp.yourPassword')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button
              variant="default"
              loading={busy}
              onClick={() =>
                run(async () => setCodes((await authApi.recoveryCodes(password)).recoveryCodes))
              }
            >
              {t('totp.newCodes')}
            </Button>
          </Group>
          <Group align="flex-end">
            <TextInput
              label={t('totp.currentCode')}
              inputMode="numeric"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <Button
              color="red"
              variant="light"
              loading={busy}
              onClick={() =>
                run(async () => {
                  await authApi.disableTotp(password, normaliseDigits(code).replace(/\s/g, ''));
                  setCode('');
                  setCodes(undefined);
                  await onChange();
                })
              }
            >
              {t('totp.turnOff')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
