import { Alert, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import type { Capability, TestConnectionResult } from '@igny8/contracts';
import { errorMessage } from '../../api/errors';
import { providerLabel } from './labels';

/** The outcome of "Test connection": latency when it worked, the provider's own words when not. */
export function TestResult(props: { capability: Capability; result?: TestConnectionResult; error?: unknown }) {
  const testId = `integration-test-result-${props.capability}`;
  if (props.error) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertCircle size={18} />}
        title="Could not test"
        data-testid={testId}
        data-ok="false"
      >
        {errorMessage(props.error)}
      </Alert>
    );
  }
  const r = props.result;
  if (!r) return null;
  const what = r.model === null ? 'The platform’s provider' : `${providerLabel(r.provider)} · ${r.model}`;
  return r.ok ? (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck size={18} />}
      title="Connected"
      data-testid={testId}
      data-ok="true"
    >
      <Text size="sm">
        {what} answered in {Math.round(r.latencyMs)} ms.
      </Text>
    </Alert>
  ) : (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title="Connection failed"
      data-testid={testId}
      data-ok="false"
    >
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {r.message}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {what} · after {Math.round(r.latencyMs)} ms
      </Text>
    </Alert>
  );
}
