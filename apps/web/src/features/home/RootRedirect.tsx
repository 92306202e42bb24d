import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { Link, Navigate } from 'react-router';
import { useAuth } from '../../auth/store';
import { pickAccount } from '../../lib/lastAccount';

/** `/`: open the account the user last worked in, or the first active one. */
export function RootRedirect() {
  const memberships = useAuth((s) => s.memberships);
  const platformOperator = useAuth((s) => s.platformOperator);
  const account = pickAccount(memberships);

  if (account) return <Navigate to={`/a/${account.accountId}`} replace />;
  return (
    <Center py={80} data-testid="no-accounts">
      <Stack align="center" gap="xs" maw={420}>
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconBuildingCommunity size={26} />
        </ThemeIcon>
        <Title order={3}>No active account</Title>
        <Text c="dimmed" size="sm" ta="center">
          You are not an active member of any account. Ask an account admin to invite you or to reactivate your
          membership.
        </Text>
        {platformOperator ? (
          <Button component={Link} to="/platform" variant="light" mt="sm">
            Open platform settings
          </Button>
        ) : null}
      </Stack>
    </Center>
  );
}
