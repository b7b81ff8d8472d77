import { Button, Menu } from '@mantine/core';
import { IconKey, IconLogout, IconUser, IconUsers, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { authApi } from './auth.api';
import { useCan, useSession } from './session';

/** The signed-in user's menu in the header: account, users, API keys, security log, sign out. */
export function UserMenu() {
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
        <Button variant="subtle" leftSection={<IconUser size={16} />} aria-label="Account menu">
          {session.user.displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/account" leftSection={<IconUser size={14} />}>
          My account
        </Menu.Item>
        {canUsers && (
          <Menu.Item component={Link} to="/settings/users" leftSection={<IconUsers size={14} />}>
            Users and roles
          </Menu.Item>
        )}
        {canKeys && (
          <Menu.Item component={Link} to="/settings/api-keys" leftSection={<IconKey size={14} />}>
            API keys
          </Menu.Item>
        )}
        {canAudit && (
          <Menu.Item
            component={Link}
            to="/logs/security"
            leftSection={<IconShieldCheck size={14} />}
          >
            Security log
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={14} />}
          onClick={() => void signOut()}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
