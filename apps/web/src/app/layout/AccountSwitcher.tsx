import { Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconSelector } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import type { Membership } from '@igny8/contracts';
import { useAuth } from '../../auth/store';
import { isUsable } from '../../lib/lastAccount';
import classes from './layout.module.css';

/** Keeps the sub-page when switching: members of A → members of B. */
function targetPath(pathname: string, accountId: string): string {
  const rest = /^\/a\/[^/]+(\/.*)?$/.exec(pathname)?.[1] ?? '';
  return `/a/${accountId}${rest}`;
}

export function AccountSwitcher({ current }: { current: Membership | null }) {
  const memberships = useAuth((s) => s.memberships);
  const navigate = useNavigate();
  const { pathname } = useLocation();

  return (
    <Menu position="bottom-start" width={280} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.switcher} data-testid="account-switcher">
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" lh={1.2}>
              Account
            </Text>
            <Text size="sm" fw={600} truncate="end" data-testid="current-account-name">
              {current?.accountName ?? 'No account'}
            </Text>
          </div>
          <IconSelector size={16} stroke={1.5} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your accounts</Menu.Label>
        {memberships.length === 0 ? <Menu.Item disabled>You are not a member of any account</Menu.Item> : null}
        {memberships.map((m) => (
          <Menu.Item
            key={m.accountId}
            data-testid={`account-option-${m.accountId}`}
            disabled={!isUsable(m)}
            onClick={() => navigate(targetPath(pathname, m.accountId))}
            leftSection={m.accountId === current?.accountId ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
            rightSection={
              <Badge size="xs" variant="light" color={isUsable(m) ? 'indigo' : 'gray'}>
                {isUsable(m) ? m.role : 'inactive'}
              </Badge>
            }
          >
            <Group gap={6} wrap="nowrap">
              <Text size="sm" truncate="end">
                {m.accountName}
              </Text>
              {m.isSystem ? (
                <Badge size="xs" variant="outline" color="grape">
                  system
                </Badge>
              ) : null}
            </Group>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
