import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { resendVerification, verifyEmail } from '../../api/queries/security';
import { FormError } from './FormError';

/** `/verify-email/:token` from the sign-up email: confirms once, then the person signs in. */
export function VerifyEmailPage() {
  const { token = '' } = useParams();
  const verify = useMutation({ mutationFn: verifyEmail, meta: { errorTitle: false } });
  const sent = useRef(false);
  useEffect(() => {
    // Once per page load, even under StrictMode's double mount: the link is single-use.
    if (sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);
  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="verify-email-page">
      <Stack gap="md">
        <Title order={2} size="h3">
          Confirm your email
        </Title>
        {verify.isPending ? <Loader size="sm" /> : null}
        {verify.isSuccess ? (
          <>
            <Alert color="teal" variant="light" data-testid="verify-email-done">
              Your email is confirmed.
            </Alert>
            <Button component={Link} to="/login">
              Sign in
            </Button>
          </>
        ) : null}
        {verify.isError ? (
          <>
            <FormError error={verify.error} />
            <ResendVerification />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function ResendVerification() {
  const [email, setEmail] = useState('');
  const resend = useMutation({ mutationFn: resendVerification, meta: { errorTitle: false } });
  if (resend.data) {
    return <Text size="sm">If {email} is waiting for confirmation, a new link is on its way.</Text>;
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        resend.mutate(email.trim());
      }}
    >
      <Stack gap="xs">
        <TextInput
          label="Send a new link to"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Button type="submit" variant="light" loading={resend.isPending} disabled={!email.trim()}>
          Send a new link
        </Button>
        <Anchor component={Link} to="/login" size="sm">
          Back to sign in
        </Anchor>
      </Stack>
    </form>
  );
}
