import { Group, Text } from '@mantine/core';
import { IconCoins } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCreditEstimate, type EstimateBody } from '../../api/queries/billing';

/**
 * What a start will hold, under its button: "≈ 40 credits · 960 available", red when the account
 * cannot cover it (the start would answer 402), or that nothing is charged (own keys, offline).
 */
export function CreditNote({
  accountId,
  siteId,
  body,
  label,
}: {
  accountId: string;
  /** null for a start of the account's that belongs to no site */
  siteId: string | null;
  body: EstimateBody | null;
  label?: string;
}) {
  const est = useCreditEstimate(accountId, siteId, body);
  if (!body || !est.data) return null;
  const { credits, charged, available } = est.data;
  if (!charged) {
    return (
      <Text size="xs" c="dimmed" data-testid="credit-note" data-credits={0}>
        {label ? `${label}: ` : ''}No credits: this runs offline or on the account’s own AI keys.
      </Text>
    );
  }
  const short = credits > available;
  return (
    <Group gap={4} wrap="nowrap" data-testid="credit-note" data-credits={credits} data-short={short ? '1' : '0'}>
      <IconCoins size={14} color={short ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-dimmed)'} />
      <Text size="xs" c={short ? 'red.7' : 'dimmed'}>
        {label ? `${label}: ` : ''}
        {short ? (
          <>
            Needs {credits.toLocaleString()} credits; {available.toLocaleString()} available.{' '}
            <Text span size="xs" component={Link} to={`/a/${accountId}/billing`} c="red.7" td="underline">
              Billing
            </Text>
          </>
        ) : (
          `≈ ${credits.toLocaleString()} credits · ${available.toLocaleString()} available`
        )}
      </Text>
    </Group>
  );
}
