import type { ReactNode } from 'react';
import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuilding, IconShieldCheck, IconUsers, type Icon } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAccount } from '../../api/queries/accounts';
import { useMembers } from '../../api/queries/members';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { canManageMembers } from '../members/permissions';
import { roleColor, roleLabel } from '../members/roleLabels';

function StatCard(props: { icon: Icon; label: string; testId: string; loading?: boolean; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {props.label}
          </Text>
          {props.loading ? (
            <Skeleton h={28} w={120} />
          ) : (
            <div data-testid={props.testId}>{props.children}</div>
          )}
        </Stack>
        <ThemeIcon variant="light" size={38} radius="md">
          <props.icon size={20} />
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

export function OverviewPage() {
  const { accountId, membership } = useCurrentAccount();
  const account = useAccount(accountId);
  const members = useMembers(accountId);
  const name = account.data?.name ?? membership.accountName;

  return (
    <Stack gap="lg">
      <PageHeader title="Overview" description={`Welcome to ${name}.`} />
      {account.isError ? <QueryError error={account.error} onRetry={() => void account.refetch()} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard icon={IconBuilding} label="Account" testId="overview-account-name" loading={account.isPending}>
          <Group gap="xs" wrap="nowrap">
            <Text fz="xl" fw={700} truncate="end">
              {name}
            </Text>
            {account.data?.isSystem ? (
              <Badge size="sm" variant="outline" color="grape">
                system
              </Badge>
            ) : null}
          </Group>
        </StatCard>
        <StatCard icon={IconShieldCheck} label="Your role" testId="overview-role">
          <Badge size="lg" variant="light" color={roleColor[membership.role]}>
            {roleLabel[membership.role]}
          </Badge>
        </StatCard>
        <StatCard icon={IconUsers} label="Members" testId="overview-member-count" loading={members.isPending}>
          <Text fz="xl" fw={700}>
            {members.isError ? '–' : (members.data?.total ?? 0)}
          </Text>
        </StatCard>
      </SimpleGrid>
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={2}>
            <Text fw={600}>Your team</Text>
            <Text size="sm" c="dimmed">
              {canManageMembers(membership.role)
                ? 'Invite editors to write content and viewers to follow progress.'
                : 'See who else works in this account.'}
            </Text>
          </Stack>
          <Button component={Link} to={`/a/${accountId}/members`} variant="light">
            {canManageMembers(membership.role) ? 'Manage members' : 'View members'}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
