import { useState } from 'react';
import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { requestPasswordReset } from '../../api/queries/security';
import { FormError } from './FormError';

/** Asks for a reset link. The answer is the same for every address: whether it has an account shows only in its mailbox. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const mutation = useMutation({ mutationFn: requestPasswordReset, meta: { errorTitle: false } });
  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="forgot-password-page">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            Forgot your password?
          </Title>
          <Text size="sm" c="dimmed">
            We will email you a link to choose a new one.
          </Text>
        </div>
        {mutation.data ? (
          mutation.data.emailConfigured ? (
            <Alert color="teal" variant="light" data-testid="forgot-password-sent">
              If {email} belongs to a user, a link is on its way. It works once and expires soon.
            </Alert>
          ) : (
            <Alert color="orange" variant="light" data-testid="forgot-password-no-email">
              This installation does not send email, so no link was sent. Ask a platform operator to help you back in.
            </Alert>
          )
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              mutation.mutate(email.trim());
            }}
            noValidate
          >
            <Stack gap="md">
              <FormError error={mutation.error} />
              <TextInput
                label="Email"
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                data-testid="forgot-email"
              />
              <Button
                type="submit"
                loading={mutation.isPending}
                disabled={!email.trim()}
                fullWidth
                data-testid="forgot-submit"
              >
                Send the link
              </Button>
            </Stack>
          </form>
        )}
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/login">
            Back to sign in
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
