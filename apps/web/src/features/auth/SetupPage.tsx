import { Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { isApiError } from '../../api/errors';
import { setupStatusKey, useSetupStatus } from '../../api/queries/setup';
import { setupFirstAdmin } from '../../auth/session';
import { useAuth } from '../../auth/store';
import { SectionLoader } from '../../components/FullPageLoader';
import { OwnerForm } from './OwnerForm';

/** First run: creates the system account and its owner. Gone once any user exists. */
export function SetupPage() {
  const status = useAuth((s) => s.status);
  const setup = useSetupStatus();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: setupFirstAdmin,
    meta: { errorTitle: false },
    onSettled: (_data, error) => {
      if (!error || isApiError(error, 'setup_done')) void qc.invalidateQueries({ queryKey: setupStatusKey });
    },
  });

  if (status === 'authenticated') return <Navigate to="/" replace />;
  if (setup.isPending) return <SectionLoader />;
  if (setup.data && !setup.data.needsSetup) return <Navigate to="/login" replace />;

  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="setup-page">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            Create the first admin
          </Title>
          <Text size="sm" c="dimmed">
            This is a fresh installation. The account you create here becomes the platform&apos;s system account, and
            you its owner.
          </Text>
        </div>
        <OwnerForm
          testIdPrefix="setup"
          submitLabel="Create admin and continue"
          pending={mutation.isPending}
          error={mutation.error}
          onSubmit={(values) => mutation.mutate(values)}
        />
      </Stack>
    </Paper>
  );
}
