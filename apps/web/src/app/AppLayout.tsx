import { productName } from './literals';
import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { serverInfoSchema } from '@kiana/contracts';
import { api } from '../api/client';
import { navItems } from '../routes';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { HeaderSlot } from './HeaderSlot';

/** The frame of every signed-in page: header, navigation, and the page in the middle. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const info = useQuery({ queryKey: ['meta'], queryFn: () => api.get('/meta', serverInfoSchema) });
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('layout.toggleNav')}
            />
            <Title order={1} size="h4">
              {productName}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {t('layout.subtitle')}
            </Text>
            {info.data?.demo === true && (
              <Badge color="yellow" variant="light" title={t('layout.demoTitle')}>
                {t('layout.demo')}
              </Badge>
            )}
          </Group>
          <Group gap="xs">
            <HeaderSlot />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('layout.mainNav')}>
        <ScrollArea>
          {navItems.map((item) => (
            <NavLink
              key={item.path}
              component={RouterLink}
              to={item.path}
              label={t(`nav.${item.label}`)}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={
                item.path === '/'
                  ? location.pathname === '/'
                  : location.pathname.startsWith(item.path)
              }
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
