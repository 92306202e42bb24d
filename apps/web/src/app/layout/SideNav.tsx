import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconChartBar,
  IconChecklist,
  IconCoins,
  IconHistory,
  IconKey,
  IconHome,
  IconMessageCog,
  IconMicrophone,
  IconPlugConnected,
  IconSettings,
  IconShieldCog,
  IconUsers,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { roleAtLeast, type Membership } from '@igny8/contracts';
import { useAuth } from '../../auth/store';
import { isUsable } from '../../lib/lastAccount';
import { SiteNavSection } from '../../features/sites/SiteNavSection';

interface NavItem {
  id: string;
  label: string;
  to: string;
  icon: Icon;
  exact?: boolean;
}

export function SideNav({ account, onNavigate }: { account: Membership | null; onNavigate: () => void }) {
  const platformOperator = useAuth((s) => s.platformOperator);
  const { pathname } = useLocation();

  const accountItems: NavItem[] =
    account && isUsable(account)
      ? [
          { id: 'overview', label: 'Overview', to: `/a/${account.accountId}`, icon: IconHome, exact: true },
          { id: 'sites', label: 'Sites', to: `/a/${account.accountId}/sites`, icon: IconWorld, exact: true },
          { id: 'tasks', label: 'Tasks', to: `/a/${account.accountId}/tasks`, icon: IconChecklist },
          { id: 'members', label: 'Members', to: `/a/${account.accountId}/members`, icon: IconUsers },
          { id: 'prompts', label: 'Prompts', to: `/a/${account.accountId}/prompts`, icon: IconMessageCog },
          {
            id: 'brand-voices',
            label: 'Brand voices',
            to: `/a/${account.accountId}/brand-voices`,
            icon: IconMicrophone,
          },
          {
            id: 'integrations',
            label: 'AI providers',
            to: `/a/${account.accountId}/integrations`,
            icon: IconPlugConnected,
          },
          { id: 'usage', label: 'Usage', to: `/a/${account.accountId}/usage`, icon: IconChartBar },
          { id: 'billing', label: 'Billing', to: `/a/${account.accountId}/billing`, icon: IconCoins },
          { id: 'api-tokens', label: 'API tokens', to: `/a/${account.accountId}/api-tokens`, icon: IconKey },
          // Admin pages: below admin there is nothing to do there (the account's name is in the switcher).
          ...(roleAtLeast(account.role, 'admin')
            ? [
                {
                  id: 'settings',
                  label: 'Account settings',
                  to: `/a/${account.accountId}/settings`,
                  icon: IconSettings,
                },
                { id: 'audit', label: 'Audit log', to: `/a/${account.accountId}/audit`, icon: IconHistory },
              ]
            : []),
        ]
      : [];
  const platformItems: NavItem[] = platformOperator
    ? [
        { id: 'platform', label: 'Platform settings', to: '/platform', icon: IconShieldCog, exact: true },
        { id: 'platform-audit', label: 'Users and audit', to: '/platform/audit', icon: IconHistory },
        { id: 'platform-billing', label: 'Plans and credits', to: '/platform/billing', icon: IconCoins },
      ]
    : [];

  const render = (item: NavItem) => (
    <NavLink
      key={item.id}
      component={Link}
      to={item.to}
      label={item.label}
      data-testid={`nav-${item.id}`}
      leftSection={<item.icon size={18} stroke={1.6} />}
      active={item.exact ? pathname === item.to : pathname.startsWith(item.to)}
      onClick={onNavigate}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <Stack gap={4}>
      {accountItems.map(render)}
      {account && isUsable(account) ? <SiteNavSection account={account} onNavigate={onNavigate} /> : null}
      {platformItems.length > 0 ? (
        <>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
            Platform
          </Text>
          {platformItems.map(render)}
        </>
      ) : null}
    </Stack>
  );
}
