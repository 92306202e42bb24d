import { useState } from 'react';
import {
  Alert,
  Button,
  Paper,
  PasswordInput,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { inviteDetailsSchema, personNameSchema, type InviteDetails } from '@igny8/contracts';
import { api } from '../../api/client';
import { useNavigate, useParams } from 'react-router';
import { acceptInvite } from '../../auth/session';
import { roleDescription, roleLabel } from '../members/roleLabels';
import { FormError } from './FormError';
import { NewPasswordInput, usePasswordRule, weakPasswordError } from './NewPasswordInput';

type Mode = 'new' | 'existing';
interface AcceptValues {
  name: string;
  password: string;
}

/**
 * `/invite/:token`: joining an account takes the invited person's consent. Someone new to igny8 chooses a name
 * and password; someone who already has a user signs in with its password to accept. The page offers both the
 * same way for every link, so it does not tell whoever opens it whether the email has a user.
 */
export function InviteAcceptPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('new');
  const rule = usePasswordRule();
  const form = useForm<AcceptValues>({
    initialValues: { name: '', password: '' },
    validate: (values) => {
      if (mode === 'existing') return values.password ? {} : { password: 'Required' };
      const errors: Record<string, string> = {};
      const name = personNameSchema.safeParse(values.name);
      if (!name.success) errors.name = values.name.trim() ? 'Use at most 120 characters' : 'Required';
      const weak = weakPasswordError(rule, values.password, [values.name]);
      if (!values.password) errors.password = 'Required';
      else if (weak) errors.password = weak;
      return errors;
    },
  });
  const details = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api('/api/v1/auth/invite/lookup', { method: 'POST', body: { token }, schema: inviteDetailsSchema }),
    retry: false,
  });
  const mutation = useMutation({
    mutationFn: (values: AcceptValues) =>
      acceptInvite(
        mode === 'new' ? { token, name: values.name, password: values.password } : { token, password: values.password },
      ),
    meta: { errorTitle: false },
    onSuccess: () => navigate('/', { replace: true }),
  });
  const switchMode = (next: string) => {
    setMode(next as Mode);
    form.clearErrors();
    mutation.reset();
  };

  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="invite-accept-page">
      <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              Accept your invitation
            </Title>
            <InviteSummary details={details.data} pending={details.isPending} />
          </div>
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={switchMode}
            data={[
              { value: 'new', label: "I'm new to igny8" },
              { value: 'existing', label: 'I already have a user' },
            ]}
            data-testid="accept-mode"
          />
          {/* One alert: the answer to the last submit, else why the link cannot be used. */}
          <FormError error={mutation.error ?? (details.isError ? details.error : null)} />
          {mode === 'new' ? (
            <>
              <TextInput
                label="Your name"
                description="How your name appears to your team"
                autoComplete="name"
                data-testid="accept-name"
                {...form.getInputProps('name')}
              />
              <NewPasswordInput
                rule={rule}
                userInputs={[form.values.name]}
                testId="accept-password"
                {...form.getInputProps('password')}
              />
            </>
          ) : (
            <PasswordInput
              label="Your igny8 password"
              description="Sign in to accept: the invitation is for the email it was sent to"
              autoComplete="current-password"
              data-testid="accept-password"
              {...form.getInputProps('password')}
            />
          )}
          <Button type="submit" loading={mutation.isPending} fullWidth data-testid="accept-submit">
            {mode === 'new' ? 'Join and sign in' : 'Sign in and accept'}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** Which account, which role, who sent it: what the person is agreeing to. */
function InviteSummary({ details, pending }: { details: InviteDetails | undefined; pending: boolean }) {
  if (pending) return <Skeleton h={40} mt={4} />;
  if (!details) {
    return (
      <Text size="sm" c="dimmed">
        You have been invited to join a team on igny8. You join when you accept.
      </Text>
    );
  }
  return (
    <Alert variant="light" color="indigo" mt="xs" data-testid="invite-details">
      <Text size="sm">
        {details.inviterName ? <b>{details.inviterName}</b> : 'Someone'} invited you to join{' '}
        <b>{details.accountName}</b> as <b>{roleLabel[details.role]}</b> ({roleDescription[details.role].toLowerCase()}
        ). You join when you accept.
      </Text>
    </Alert>
  );
}
