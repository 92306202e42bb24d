import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { useSetupStatus } from '../../api/queries/setup';
import { signup } from '../../auth/session';
import { useAuth } from '../../auth/store';
import { SectionLoader } from '../../components/FullPageLoader';
import { OwnerForm } from './OwnerForm';
import { ResendVerification } from './VerifyEmailPage';

export function SignupPage() {
  const status = useAuth((s) => s.status);
  const setup = useSetupStatus();
  const mutation = useMutation({ mutationFn: signup, meta: { errorTitle: false } });
  const pending = mutation.data && 'verificationRequired' in mutation.data;

  if (status === 'authenticated') return <Navigate to="/" replace />;
  if (setup.isPending) return <SectionLoader />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

  const signInLink = (
    <Anchor component={Link} to="/login" data-testid="login-link">
      Sign in
    </Anchor>
  );

  if (pending) {
    return (
      <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="signup-check-email">
        <Stack gap="xs">
          <Title order={2} size="h3">
            Check your email
          </Title>
          <Text size="sm" c="dimmed">
            We sent a link to confirm your address. Open it, then sign in. Nothing arrived? Ask for a new link below.
          </Text>
          <ResendVerification />
        </Stack>
      </Paper>
    );
  }

  if (!setup.data?.signupEnabled) {
    return (
      <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="signup-closed">
        <Stack gap="xs">
          <Title order={2} size="h3">
            Sign-up is closed
          </Title>
          <Text size="sm" c="dimmed">
            New accounts are created by invitation on this installation. Ask an account admin to invite you.
          </Text>
          <Text size="sm">{signInLink}</Text>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="signup-page">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            Create your account
          </Title>
          <Text size="sm" c="dimmed">
            You will be the owner of a new account and can invite your team.
          </Text>
        </div>
        <OwnerForm
          testIdPrefix="signup"
          submitLabel="Create account"
          pending={mutation.isPending}
          error={mutation.error}
          onSubmit={(values) => mutation.mutate(values)}
        />
        <Text size="sm" ta="center" c="dimmed">
          Already have an account? {signInLink}
        </Text>
      </Stack>
    </Paper>
  );
}
