import { useState } from 'react';
import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { resetPassword } from '../../api/queries/security';
import { FormError } from './FormError';
import { NewPasswordInput, usePasswordRule, weakPasswordError } from './NewPasswordInput';

/** `/reset-password/:token` from the email: a new password, then sign in again (every session was ended). */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const rule = usePasswordRule();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const mutation = useMutation({ mutationFn: resetPassword, meta: { errorTitle: false } });
  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" data-testid="reset-password-page">
      <Stack gap="md">
        <Title order={2} size="h3">
          Choose a new password
        </Title>
        {mutation.isSuccess ? (
          <>
            <Alert color="teal" variant="light" data-testid="reset-password-done">
              Your password is changed and every session was signed out.
            </Alert>
            <Button component={Link} to="/login" data-testid="reset-password-login">
              Sign in
            </Button>
          </>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const weak = weakPasswordError(rule, password, []);
              setError(weak);
              if (!weak) mutation.mutate({ token, password });
            }}
            noValidate
          >
            <Stack gap="md">
              <FormError error={mutation.error} />
              <NewPasswordInput
                rule={rule}
                userInputs={[]}
                testId="reset-password"
                value={password}
                error={error}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={mutation.isPending} fullWidth data-testid="reset-password-submit">
                Save the new password
              </Button>
            </Stack>
          </form>
        )}
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/forgot-password">
            Ask for a new link
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
