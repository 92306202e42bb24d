import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { loginBodySchema, type LoginBody } from '@igny8/contracts';
import { Link, Navigate, useLocation } from 'react-router';
import { useSetupStatus } from '../../api/queries/setup';
import { login } from '../../auth/session';
import { useAuth } from '../../auth/store';
import { safeNext } from '../../app/guards';
import { zodValidate } from '../../lib/form';
import { FormError } from './FormError';

export function LoginPage() {
  const status = useAuth((s) => s.status);
  const { search } = useLocation();
  const setup = useSetupStatus();
  const form = useForm<LoginBody>({
    initialValues: { email: '', password: '' },
    validate: zodValidate<LoginBody>(loginBodySchema),
  });
  const mutation = useMutation({ mutationFn: login, meta: { errorTitle: false } });

  // Signing in here or in another tab both land on the page the visitor wanted.
  if (status === 'authenticated') return <Navigate to={safeNext(search)} replace />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

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
