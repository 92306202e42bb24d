import { Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { acceptInviteBodySchema, type AcceptInviteBody } from '@igny8/contracts';
import { useNavigate, useParams } from 'react-router';
import { acceptInvite } from '../../auth/session';
import { zodValidate } from '../../lib/form';
import { FormError } from './FormError';

type AcceptValues = Omit<AcceptInviteBody, 'token'>;

/** `/invite/:token`: an invited person picks a name and password and is signed in. */
export function InviteAcceptPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const form = useForm<AcceptValues>({
    initialValues: { name: '', password: '' },
    validate: zodValidate<AcceptValues>(acceptInviteBodySchema.omit({ token: true })),
  });
  const mutation = useMutation({
    mutationFn: (values: AcceptValues) => acceptInvite({ ...values, token }),
    meta: { errorTitle: false },
    onSuccess: () => navigate('/', { replace: true }),
  });

  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="invite-accept-page">
      <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              Accept your invitation
            </Title>
            <Text size="sm" c="dimmed">
              Choose how your name appears to your team and set a password.
            </Text>
          </div>
          <FormError error={mutation.error} />
          <TextInput
            label="Your name"
            autoComplete="name"
            data-testid="accept-name"
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            autoComplete="new-password"
            data-testid="accept-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth data-testid="accept-submit">
            Join and sign in
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
