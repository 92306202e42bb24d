import { useState } from 'react';
import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useChangePassword } from '../../api/queries/security';
import { useAuth } from '../../auth/store';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../auth/FormError';
import { NewPasswordInput, usePasswordRule, weakPasswordError } from '../auth/NewPasswordInput';

export function ChangePasswordCard() {
  const user = useAuth((s) => s.user);
  const rule = usePasswordRule();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string>();
  const inputs = [user?.email ?? '', user?.name ?? ''];
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4}>Password</Title>
      <Text size="sm" c="dimmed" mb="md">
        Changing it signs out your other sessions.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const weak = weakPasswordError(rule, next, inputs);
          setError(weak);
          if (weak) return;
          change.mutate(
            { currentPassword: current, newPassword: next },
            {
              onSuccess: () => {
                setCurrent('');
                setNext('');
                notifySuccess('Password changed. Your other sessions were signed out.');
              },
            },
          );
        }}
        noValidate
      >
        <Stack gap="sm" maw={420}>
          <FormError error={change.error} />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            data-testid="change-current"
          />
          <NewPasswordInput
            rule={rule}
            userInputs={inputs}
            testId="change-new"
            label="New password"
            value={next}
            error={error}
            onChange={(e) => setNext(e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={!current || !next} data-testid="change-submit">
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
