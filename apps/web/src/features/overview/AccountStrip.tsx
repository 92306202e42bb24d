import { Badge, Button, Group, Paper, Skeleton, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAccount } from '../../api/queries/accounts';
import { useMembers } from '../../api/queries/members';
import { useCurrentAccount } from '../account/context';
import { canManageMembers } from '../members/permissions';
import { roleColor, roleLabel } from '../members/roleLabels';

/** Account, your role and the team, in one line at the foot of the overview. */
export function AccountStrip() {
  const { accountId, membership } = useCurrentAccount();
  const account = useAccount(accountId);
  const members = useMembers(accountId);
  const name = account.data?.name ?? membership.accountName;
  const manage = canManageMembers(membership.role);

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xl" wrap="wrap">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Account
            </Text>
            <Group gap="xs" wrap="nowrap" data-testid="overview-account-name">
              <Text fw={600} truncate="end">
                {name}
              </Text>
              {account.data?.isSystem ? (
                <Badge size="sm" variant="outline" color="grape">
                  system
                </Badge>
              ) : null}
            </Group>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Your role
            </Text>
            <Badge variant="light" color={roleColor[membership.role]} data-testid="overview-role">
              {roleLabel[membership.role]}
            </Badge>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Members
            </Text>
            {members.isPending ? (
              <Skeleton h={22} w={32} />
            ) : (
              <Text fw={600} data-testid="overview-member-count">
                {members.isError ? '–' : (members.data?.total ?? 0)}
              </Text>
            )}
          </div>
        </Group>
        <Button
          component={Link}
          to={`/a/${accountId}/members`}
          variant="default"
          size="sm"
          leftSection={<IconUsers size={16} />}
        >
          {manage ? 'Manage members' : 'View members'}
        </Button>
      </Group>
    </Paper>
  );
}
