import { useEffect, useMemo } from 'react';
import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Outlet, useParams } from 'react-router';
import { useAuth } from '../../auth/store';
import { isUsable, rememberAccount } from '../../lib/lastAccount';
import { NotFoundPage } from '../home/NotFoundPage';
import { AccountContext } from './context';

/** `/a/:accountId`: only accounts the user is an active member of render their pages. */
export function AccountScope() {
  const { accountId = '' } = useParams();
  const memberships = useAuth((s) => s.memberships);
  const twoFactorEnabled = useAuth((s) => s.user?.twoFactorEnabled ?? false);
  const membership = memberships.find((m) => m.accountId === accountId);
  const usable = membership ? isUsable(membership) : false;

  useEffect(() => {
    if (usable) rememberAccount(accountId);
  }, [usable, accountId]);

  const value = useMemo(() => (membership ? { accountId, membership } : null), [accountId, membership]);

  if (!membership || !value) return <NotFoundPage />;
  if (usable && membership.requireTwoFactor && !twoFactorEnabled) {
    return (
      <Center py={80} data-testid="account-needs-two-factor">
        <Stack align="center" gap="xs" maw={440}>
          <ThemeIcon size={48} radius="xl" variant="light" color="orange">
            <IconLock size={24} />
          </ThemeIcon>
          <Title order={3}>{membership.accountName} requires two-factor sign-in</Title>
          <Text c="dimmed" size="sm" ta="center">
            Turn on two-factor sign-in for yourself to use this account.
          </Text>
          <Button component={Link} to="/profile" mt="sm">
            Set it up
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!usable) {
    return (
      <Center py={80} data-testid="account-unavailable">
        <Stack align="center" gap="xs" maw={440}>
          <ThemeIcon size={48} radius="xl" variant="light" color="gray">
            <IconLock size={24} />
          </ThemeIcon>
          <Title order={3}>{membership.accountName} is not available</Title>
          <Text c="dimmed" size="sm" ta="center">
            {membership.accountActive
              ? 'Your membership in this account is deactivated. Ask an account admin to reactivate it.'
              : 'This account is deactivated by the platform operators.'}
          </Text>
          <Button component={Link} to="/" variant="light" mt="sm">
            Go home
          </Button>
        </Stack>
      </Center>
    );
  }
  return (
    <AccountContext.Provider value={value}>
      <Outlet />
    </AccountContext.Provider>
  );
}
