import { Button, Menu } from '@mantine/core';
import { IconKey, IconLogout, IconUser, IconUsers, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authApi } from './auth.api';
import { LanguageMenuItems } from './LanguageMenu';
import { useCan, useSession } from './session';

/** The signed-in user's menu in the header: account, users, API keys, security log, language, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { session } = useSession();
  const client = useQueryClient();
  const canUsers = useCan('users.manage');
  const canKeys = useCan('apikeys.manage');
  const canAudit = useCan('audit.read');
  const signOut = async () => {
    await authApi.logout().catch(() => undefined);
    client.clear();
    await client.invalidateQueries();
    window.location.assign('/');
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {/* The accessible name starts with the visible name (WCAG 2.5.3, label in name). */}
        <Button
          variant="subtle"
          leftSection={<IconUser size={16} />}
          aria-label={t('userMenu.label', { name: session.user.displayName })}
          data-testid="user-menu"
        >
          <bdi>{session.user.displayName}</bdi>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/account" leftSection={<IconUser size={14} />}>
          {t('userMenu.account')}
        </Menu.Item>
        {canUsers && (
          <Menu.Item component={Link} to="/settings/users" leftSection={<IconUsers size={14} />}>
            {t('userMenu.users')}
          </Menu.Item>
        )}
        {canKeys && (
          <Menu.Item component={Link} to="/settings/api-keys" leftSection={<IconKey size={14} />}>
            {t('userMenu.apiKeys')}
          </Menu.Item>
        )}
        {canAudit && (
          <Menu.Item
            component={Link}
            to="/logs/security"
            leftSection={<IconShieldCheck size={14} />}
          >
            {t('logs.security')}
          </Menu.Item>
        )}
        <Menu.Divider />
        <LanguageMenuItems />
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={14} />}
          onClick={() => void signOut()}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
