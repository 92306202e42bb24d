import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  Paper,
  PasswordInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { TwoFactorSetup } from '@igny8/contracts';
import {
  useDisableTwoFactor,
  useEnableTwoFactor,
  useRegenerateRecoveryCodes,
  useTwoFactorSetup,
  useTwoFactorStatus,
} from '../../api/queries/security';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../auth/FormError';

/** Two-factor sign-in: set up with a QR code, confirm with a code, keep the recovery codes; or turn it off. */
export function TwoFactorCard() {
  const status = useTwoFactorStatus();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Paper withBorder radius="md" p="lg" data-testid="two-factor-card">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Two-factor sign-in</Title>
        {status.data ? (
          <Badge color={status.data.enabled ? 'teal' : 'gray'} variant="light" data-testid="two-factor-status">
            {status.data.enabled ? 'On' : 'Off'}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        After your password, sign-in asks for a code from an authenticator app (Google Authenticator, 1Password,
        Aegis…).
      </Text>
      {!status.data ? <Skeleton h={60} /> : null}
      {codes ? <RecoveryCodes codes={codes} onDone={() => setCodes(null)} /> : null}
      {status.data && !codes ? (
        status.data.enabled ? (
          <Enabled left={status.data.recoveryCodesLeft} onCodes={setCodes} />
        ) : (
          <Setup onCodes={setCodes} />
        )
      ) : null}
    </Paper>
  );
}

function Setup({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const start = useTwoFactorSetup();
  const enable = useEnableTwoFactor();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const setup: TwoFactorSetup | undefined = start.data;
  if (!setup) {
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate(password);
        }}
      >
        <Stack gap="sm" maw={420}>
          <FormError error={start.error} />
          <PasswordInput
            label="Your password"
            description="To set up two-factor sign-in"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="two-factor-password"
          />
          <Group>
            <Button type="submit" loading={start.isPending} disabled={!password} data-testid="two-factor-start">
              Set up two-factor sign-in
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">1. Scan this code with your authenticator app:</Text>
        <Image
          src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
          alt="QR code for your authenticator app"
          w={180}
          h={180}
          data-testid="two-factor-qr"
        />
        <Text size="xs" c="dimmed">
          Or type this key: <Code data-testid="two-factor-secret">{setup.secret}</Code>
        </Text>
      </Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          enable.mutate(code.replace(/\s/g, ''), {
            onSuccess: (res) => {
              notifySuccess('Two-factor sign-in is on.');
              onCodes(res.recoveryCodes);
            },
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">2. Enter the 6-digit code it shows:</Text>
          <FormError error={enable.error} />
          <TextInput
            label="Code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            data-testid="two-factor-enable-code"
          />
          <Group>
            <Button type="submit" loading={enable.isPending} disabled={!code.trim()} data-testid="two-factor-enable">
              Turn on
            </Button>
          </Group>
        </Stack>
      </form>
    </SimpleGrid>
  );
}

function Enabled({ left, onCodes }: { left: number; onCodes: (codes: string[]) => void }) {
  const disable = useDisableTwoFactor();
  const regenerate = useRegenerateRecoveryCodes();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  return (
    <Stack gap="sm" maw={520}>
      <Text size="sm">
        Recovery codes left: <b data-testid="two-factor-codes-left">{left}</b>
      </Text>
      <FormError error={disable.error ?? regenerate.error} />
      <PasswordInput
        label="Your password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <Group align="flex-end">
        <Button
          variant="light"
          loading={regenerate.isPending}
          disabled={!password}
          onClick={() => regenerate.mutate(password, { onSuccess: (r) => onCodes(r.recoveryCodes) })}
        >
          New recovery codes
        </Button>
        <TextInput
          label="Code from your app"
          inputMode="numeric"
          w={160}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <Button
          color="red"
          variant="light"
          loading={disable.isPending}
          disabled={!password || !code.trim()}
          onClick={() =>
            disable.mutate(
              { password, code: code.replace(/\s/g, '') },
              { onSuccess: () => notifySuccess('Two-factor sign-in is off.') },
            )
          }
        >
          Turn off
        </Button>
      </Group>
    </Stack>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Alert color="yellow" variant="light" title="Save your recovery codes" data-testid="recovery-codes">
      <Text size="sm" mb="sm">
        Each code signs you in once if you lose your phone. They are shown only now: store them somewhere safe.
      </Text>
      <SimpleGrid cols={2} spacing={4} mb="sm" maw={320}>
        {codes.map((c) => (
          <Code key={c}>{c}</Code>
        ))}
      </SimpleGrid>
      <Button size="xs" onClick={onDone} data-testid="recovery-codes-done">
        I saved them
      </Button>
    </Alert>
  );
}
