import { Avatar, Badge, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import type { Member, Role } from '@igny8/contracts';
import type { MemberControls, MemberStatus } from './permissions';
import { memberStatus } from './permissions';
import { roleColor, roleLabel } from './roleLabels';

const statusBadge: Record<MemberStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  invited: { label: 'Invited', color: 'yellow' },
  deactivated: { label: 'Deactivated', color: 'red' },
  user_disabled: { label: 'User disabled', color: 'gray' },
};

export function MemberRow(props: {
  member: Member;
  isMe: boolean;
  controls: MemberControls;
  busy: boolean;
  showActions: boolean;
  onRoleChange: (role: Role) => void;
  onToggleActive: () => void;
  onRemove: () => void;
}) {
  const { member: m, controls } = props;
  const status = statusBadge[memberStatus(m)];

  return (
    <Table.Tr data-testid={`member-row-${m.userId}`} style={{ opacity: m.active ? 1 : 0.7 }}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Avatar size={32} radius="xl" color={roleColor[m.role]}>
            {(m.name || m.email).slice(0, 2).toUpperCase()}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={500} truncate="end">
                {m.name || m.email}
              </Text>
              {props.isMe ? (
                <Badge size="xs" variant="outline">
                  You
                </Badge>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed" truncate="end">
              {m.email}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        {controls.roles.length > 0 ? (
          <NativeSelect
            size="xs"
            w={120}
            value={m.role}
            disabled={props.busy}
            aria-label={`Role of ${m.email}`}
            data={controls.roles.map((r) => ({ value: r, label: roleLabel[r] }))}
            data-testid={`member-role-${m.userId}`}
            onChange={(e) => props.onRoleChange(e.currentTarget.value as Role)}
          />
        ) : (
          <Badge variant="light" color={roleColor[m.role]} data-testid={`member-role-label-${m.userId}`}>
            {roleLabel[m.role]}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="dot" color={status.color} data-testid={`member-status-${m.userId}`}>
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td visibleFrom="md">
        <Text size="sm" c="dimmed">
          {new Date(m.createdAt).toLocaleDateString()}
        </Text>
      </Table.Td>
      {props.showActions ? (
        <Table.Td>
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            {controls.canToggleActive ? (
              <Button
                size="xs"
                variant="default"
                disabled={props.busy}
                onClick={props.onToggleActive}
                data-testid={`member-deactivate-${m.userId}`}
              >
                {m.active ? 'Deactivate' : 'Reactivate'}
              </Button>
            ) : null}
            {controls.canRemove ? (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={props.busy}
                onClick={props.onRemove}
                data-testid={`member-remove-${m.userId}`}
              >
                {m.invited ? 'Withdraw invitation' : 'Remove'}
              </Button>
            ) : null}
          </Group>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
