import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconShieldCog, IconUserShield } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { logout } from '../../auth/session';
import { useAuth } from '../../auth/store';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]![0]}${parts.at(-1)![0]}` : name.slice(0, 2)).toUpperCase();
}

export function UserMenu() {
  const user = useAuth((s) => s.user);
  const platformOperator = useAuth((s) => s.platformOperator);
  const navigate = useNavigate();
  if (!user) return null;

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label="User menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo">
              {initials(user.name || user.email)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" data-testid="user-name">
              {user.name}
            </Text>
            <IconChevronDown size={14} stroke={1.5} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Item
          leftSection={<IconUserShield size={16} />}
          onClick={() => navigate('/profile')}
          data-testid="profile-link"
        >
          Profile and security
        </Menu.Item>
        {platformOperator ? (
          <Menu.Item leftSection={<IconShieldCog size={16} />} onClick={() => navigate('/platform')}>
            Platform settings
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Menu.Item
          color="red"
          data-testid="logout"
          leftSection={<IconLogout size={16} />}
          onClick={async () => {
            await logout();
            navigate('/login', { replace: true });
          }}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
