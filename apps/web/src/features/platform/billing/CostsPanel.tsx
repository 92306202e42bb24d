import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { creditCostsSchema, modelPriceSchema, type CreditCosts, type ModelPrice } from '@igny8/contracts';
import { useCosts, usePrices, useSaveCosts, useSavePrices } from '../../../api/queries/billing';
import { QueryError } from '../../../components/QueryError';
import { notifySuccess } from '../../../lib/notify';

const num = (v: number | string) => (typeof v === 'number' ? v : Number(v));
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The costs that are one number each, in the order the panel shows them (a new one fails typecheck until listed). */
const flatCostFields: Record<FlatCost, { label: string; testId: string }> = {
  clusteringPer100Keywords: { label: 'Clustering, per 100 keywords', testId: 'cost-clustering' },
  serpSearch: { label: 'Search results, per keyword', testId: 'cost-serp' },
  styleGuide: { label: 'Style guide, per brand voice learned', testId: 'cost-style-guide' },
  idea: { label: 'Idea', testId: 'cost-idea' },
  imagePrompts: { label: 'Image prompts, per article', testId: 'cost-image-prompts' },
  imageBasic: { label: 'Basic image', testId: 'cost-image-basic' },
  imagePremium: { label: 'Premium image', testId: 'cost-image-premium' },
};
const flatCosts = (Object.keys(flatCostFields) as FlatCost[]).map((key) => ({ key, ...flatCostFields[key] }));
type FlatCost = { [K in keyof CreditCosts]: CreditCosts[K] extends number ? K : never }[keyof CreditCosts];

/** Credits per operation: what the server charges and the start dialogs show. */
export function CostsPanel() {
  const costs = useCosts();
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4}>Costs per operation</Title>
      <Text size="sm" c="dimmed" mb="md">
        In credits (1 credit ≈ $0.10). Charged per item saved, on the platform’s AI keys only.
      </Text>
      {costs.isError ? <QueryError error={costs.error} onRetry={() => void costs.refetch()} /> : null}
      {costs.data ? <CostsEditor initial={costs.data} /> : null}
    </Paper>
  );
}

function CostsEditor({ initial }: { initial: CreditCosts }) {
  const save = useSaveCosts();
  const [draft, setDraft] = useState<CreditCosts>(initial);
  const valid = creditCostsSchema.safeParse(draft);
  const set = (patch: Partial<CreditCosts>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 3 }}>
        {flatCosts.map(({ key, label, testId }) => (
          <NumberInput
            key={key}
            label={label}
            min={0}
            allowDecimal={false}
            value={draft[key]}
            onChange={(v) => set({ [key]: num(v) })}
            data-testid={testId}
          />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput
          label="Premium image qualities"
          description="Comma-separated, e.g. high, hd"
          value={draft.premiumImage.qualities.join(', ')}
          onChange={(e) => set({ premiumImage: { ...draft.premiumImage, qualities: list(e.currentTarget.value) } })}
        />
        <TextInput
          label="Premium image models"
          description="Comma-separated, e.g. dall-e-3"
          value={draft.premiumImage.models.join(', ')}
          onChange={(e) => set({ premiumImage: { ...draft.premiumImage, models: list(e.currentTarget.value) } })}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Article, by target length
        </Text>
        {draft.content.map((tier, i) => (
          <Group key={i} gap="sm">
            <NumberInput
              size="xs"
              w={160}
              placeholder="any length"
              leftSection={<Text size="xs">≤</Text>}
              disabled={i === draft.content.length - 1}
              value={tier.upToWords ?? ''}
              onChange={(v) =>
                set({
                  content: draft.content.map((t, j) => (j === i ? { ...t, upToWords: v === '' ? null : num(v) } : t)),
                })
              }
            />
            <Text size="xs">words:</Text>
            <NumberInput
              size="xs"
              w={100}
              min={0}
              allowDecimal={false}
              value={tier.credits}
              onChange={(v) => set({ content: draft.content.map((t, j) => (j === i ? { ...t, credits: num(v) } : t)) })}
            />
            <Text size="xs">credits</Text>
          </Group>
        ))}
      </Stack>
      {!valid.success ? (
        <Text size="sm" c="red.7">
          {valid.error.issues[0]?.path.join('.')}: {valid.error.issues[0]?.message}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button
          disabled={!valid.success}
          loading={save.isPending}
          data-testid="costs-save"
          onClick={() => save.mutate(draft, { onSuccess: () => notifySuccess('Costs saved: new starts use them.') })}
        >
          Save costs
        </Button>
      </Group>
    </Stack>
  );
}

const priceColumns = ['inputPerMillion', 'outputPerMillion', 'perImage'] as const;

/** Dollars per call by model, for the usage log (not what accounts pay: that is credits). */
export function PricesPanel() {
  const prices = usePrices();
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4}>Price table</Title>
      <Text size="sm" c="dimmed" mb="md">
        USD per million tokens and per image, by model: each AI call’s cost in the usage log. Dated model names
        (gpt-4o-mini-2024-07-18) use their base model’s price.
      </Text>
      {prices.isError ? <QueryError error={prices.error} onRetry={() => void prices.refetch()} /> : null}
      {prices.data ? <PricesEditor initial={prices.data.items} /> : null}
    </Paper>
  );
}

function PricesEditor({ initial }: { initial: ModelPrice[] }) {
  const save = useSavePrices();
  const [rows, setRows] = useState<ModelPrice[]>(initial);
  const bad = rows.findIndex((r) => !modelPriceSchema.safeParse(r).success);
  const setRow = (i: number, patch: Partial<ModelPrice>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="sm">
      <Table verticalSpacing={4} data-testid="prices-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th>Input / 1M</Table.Th>
            <Table.Th>Output / 1M</Table.Th>
            <Table.Th>Per image</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <TextInput size="xs" value={r.model} onChange={(e) => setRow(i, { model: e.currentTarget.value })} />
              </Table.Td>
              {priceColumns.map((key) => (
                <Table.Td key={key}>
                  <NumberInput
                    size="xs"
                    min={0}
                    decimalScale={6}
                    value={r[key]}
                    onChange={(v) => setRow(i, { [key]: num(v) })}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${r.model}`}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => setRows([...rows, { model: '', inputPerMillion: 0, outputPerMillion: 0, perImage: 0 }])}
        >
          Add a model
        </Button>
        <Button
          disabled={bad >= 0}
          loading={save.isPending}
          data-testid="prices-save"
          onClick={() => save.mutate(rows, { onSuccess: () => notifySuccess('Price table saved.') })}
        >
          Save prices
        </Button>
      </Group>
    </Stack>
  );
}
