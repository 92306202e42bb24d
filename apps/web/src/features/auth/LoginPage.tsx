import { useState } from 'react';
import { Anchor, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { loginBodySchema, type LoginBody, type TwoFactorChallenge } from '@igny8/contracts';
import { Link, Navigate, useLocation } from 'react-router';
import { useSetupStatus } from '../../api/queries/setup';
import { login, loginTwoFactor } from '../../auth/session';
import { useAuth } from '../../auth/store';
import { safeNext } from '../../app/guards';
import { zodValidate } from '../../lib/form';
import { FormError } from './FormError';

export function LoginPage() {
  const status = useAuth((s) => s.status);
  const { search } = useLocation();
  const setup = useSetupStatus();
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const form = useForm<LoginBody>({
    initialValues: { email: '', password: '' },
    validate: zodValidate<LoginBody>(loginBodySchema),
  });
  const mutation = useMutation({
    mutationFn: login,
    meta: { errorTitle: false },
    onSuccess: (res) => {
      if ('twoFactorRequired' in res) setChallenge(res);
    },
  });

  // Signing in here or in another tab both land on the page the visitor wanted.
  if (status === 'authenticated') return <Navigate to={safeNext(search)} replace />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (challenge) return <TwoFactorStep challenge={challenge} onRestart={() => setChallenge(null)} />;

  return (
    <Paper withBorder shadow="sm" radius="md" p="xl">
      <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              Sign in
            </Title>
            <Text size="sm" c="dimmed">
              Welcome back. Use your work email.
            </Text>
          </div>
          <FormError error={mutation.error} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            data-testid="login-email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            data-testid="login-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm" data-testid="forgot-password-link">
              Forgot password?
            </Anchor>
          </Group>
          <Button type="submit" loading={mutation.isPending} fullWidth data-testid="login-submit">
            Sign in
          </Button>
          {setup.data?.signupEnabled ? (
            <Text size="sm" ta="center" c="dimmed">
              No account yet?{' '}
              <Anchor component={Link} to="/signup" data-testid="signup-link">
                Create one
              </Anchor>
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** The password was right; the code from the authenticator app (or a recovery code) completes the sign-in. */
function TwoFactorStep({ challenge, onRestart }: { challenge: TwoFactorChallenge; onRestart: () => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const mutation = useMutation({ mutationFn: loginTwoFactor, meta: { errorTitle: false } });
  const submit = () =>
    mutation.mutate({
      challenge: challenge.challenge,
      ...(useRecovery ? { recoveryCode: value } : { code: value.replace(/\s/g, '') }),
    });
  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="two-factor-step">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              Two-factor sign-in
            </Title>
            <Text size="sm" c="dimmed">
              {useRecovery
                ? 'Enter one of your recovery codes. Each works once.'
                : 'Enter the 6-digit code from your authenticator app.'}
            </Text>
          </div>
          <FormError error={mutation.error} />
          <TextInput
            label={useRecovery ? 'Recovery code' : 'Code'}
            autoComplete="one-time-code"
            inputMode={useRecovery ? 'text' : 'numeric'}
            autoFocus
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            data-testid="two-factor-code"
          />
          <Button
            type="submit"
            loading={mutation.isPending}
            fullWidth
            disabled={!value.trim()}
            data-testid="two-factor-submit"
          >
            Verify
          </Button>
          <Group justify="space-between">
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => (setUseRecovery(!useRecovery), setValue(''))}
              data-testid="two-factor-toggle"
            >
              {useRecovery ? 'Use the app code' : 'Use a recovery code'}
            </Anchor>
            <Anchor component="button" type="button" size="sm" onClick={onRestart}>
              Start over
            </Anchor>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
