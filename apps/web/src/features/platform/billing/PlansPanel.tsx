import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Plan, PlanBody } from '@igny8/contracts';
import { usePlans, useSavePlan } from '../../../api/queries/billing';
import { QueryError } from '../../../components/QueryError';
import { notifySuccess } from '../../../lib/notify';

const n = (v: number) => v.toLocaleString();
const emptyPlan: PlanBody = {
  name: '',
  monthlyCredits: 1000,
  limits: { sites: 3, members: 3, keywords: 1000 },
  features: { ownAiKeys: false, automation: false },
};

function PlanForm({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const save = useSavePlan();
  const [body, setBody] = useState<PlanBody>(
    plan
      ? {
          name: plan.name,
          monthlyCredits: plan.monthlyCredits,
          limits: plan.limits,
          features: plan.features,
          isDefault: plan.isDefault,
          archived: plan.archived,
        }
      : emptyPlan,
  );
  const num = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);
  const setLimit = (k: keyof PlanBody['limits'], v: number | string) =>
    setBody((b) => ({ ...b, limits: { ...b.limits, [k]: num(v) } }));
  return (
    <Stack gap="md">
      <TextInput
        label="Name"
        value={body.name}
        onChange={(e) => setBody({ ...body, name: e.currentTarget.value })}
        data-testid="plan-name"
      />
      <NumberInput
        label="Credits each period"
        min={0}
        allowDecimal={false}
        value={body.monthlyCredits}
        onChange={(v) => setBody({ ...body, monthlyCredits: num(v) })}
        data-testid="plan-credits"
      />
      <SimpleGrid cols={3}>
        <NumberInput
          label="Sites"
          min={0}
          allowDecimal={false}
          value={body.limits.sites}
          onChange={(v) => setLimit('sites', v)}
        />
        <NumberInput
          label="Members"
          min={1}
          allowDecimal={false}
          value={body.limits.members}
          onChange={(v) => setLimit('members', v)}
        />
        <NumberInput
          label="Keywords"
          min={0}
          allowDecimal={false}
          value={body.limits.keywords}
          onChange={(v) => setLimit('keywords', v)}
        />
      </SimpleGrid>
      <Group>
        <Checkbox
          label="Own AI keys"
          checked={body.features.ownAiKeys}
          onChange={(e) => setBody({ ...body, features: { ...body.features, ownAiKeys: e.currentTarget.checked } })}
        />
        <Checkbox
          label="Automation"
          checked={body.features.automation}
          onChange={(e) => setBody({ ...body, features: { ...body.features, automation: e.currentTarget.checked } })}
        />
      </Group>
      <Group>
        <Checkbox
          label="Default for new accounts"
          checked={body.isDefault ?? false}
          disabled={plan?.isDefault}
          onChange={(e) => setBody({ ...body, isDefault: e.currentTarget.checked })}
        />
        <Checkbox
          label="Archived (no new assignments)"
          checked={body.archived ?? false}
          disabled={plan?.isDefault}
          onChange={(e) => setBody({ ...body, archived: e.currentTarget.checked })}
        />
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          disabled={!body.name.trim()}
          loading={save.isPending}
          data-testid="plan-save"
          onClick={() =>
            save.mutate(
              { id: plan?.id ?? null, body: { ...body, name: body.name.trim() } },
              {
                onSuccess: () => {
                  notifySuccess(`Plan ${body.name.trim()} saved.`);
                  onClose();
                },
              },
            )
          }
        >
          Save plan
        </Button>
      </Group>
    </Stack>
  );
}

/** The plans operators define: credits each period, limits, features; which one new accounts get. */
export function PlansPanel() {
  const plans = usePlans();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="md">
        <Stack gap={2}>
          <Title order={4}>Plans</Title>
          <Text size="sm" c="dimmed">
            An account has one plan. Changing an account’s plan is in its billing, under Accounts.
          </Text>
        </Stack>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="plan-new">
          New plan
        </Button>
      </Group>
      {plans.isError ? <QueryError error={plans.error} onRetry={() => void plans.refetch()} /> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" data-testid="plans-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Plan</Table.Th>
              <Table.Th ta="right">Credits</Table.Th>
              <Table.Th ta="right">Sites</Table.Th>
              <Table.Th ta="right">Members</Table.Th>
              <Table.Th ta="right">Keywords</Table.Th>
              <Table.Th ta="right">Accounts</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(plans.data?.items ?? []).map((p) => (
              <Table.Tr key={p.id} data-testid={`plan-row-${p.name}`} opacity={p.archived ? 0.6 : 1}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {p.name}
                    </Text>
                    {p.isDefault ? <Badge size="xs">default</Badge> : null}
                    {p.archived ? (
                      <Badge size="xs" color="gray">
                        archived
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{n(p.monthlyCredits)}</Table.Td>
                <Table.Td ta="right">{n(p.limits.sites)}</Table.Td>
                <Table.Td ta="right">{n(p.limits.members)}</Table.Td>
                <Table.Td ta="right">{n(p.limits.keywords)}</Table.Td>
                <Table.Td ta="right">{n(p.accounts)}</Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New plan' : 'Edit plan'}
        size="lg"
      >
        {editing !== null ? (
          <PlanForm plan={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Paper>
  );
}
