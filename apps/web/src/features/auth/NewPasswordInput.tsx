import { useEffect, useState } from 'react';
import { PasswordInput, Progress, Stack, Text, type PasswordInputProps } from '@mantine/core';

type PasswordRule = typeof import('@igny8/contracts/password');

// The dictionaries are large: load the rule once, after the form is on screen, not with the app.
let loading: Promise<PasswordRule> | undefined;
const loadRule = () => (loading ??= import('@igny8/contracts/password'));

/** The server's password rule, once loaded (undefined until then: the server checks anyway). */
export function usePasswordRule(): PasswordRule | undefined {
  const [rule, setRule] = useState<PasswordRule>();
  useEffect(() => {
    let live = true;
    void loadRule().then((r) => live && setRule(() => r));
    return () => {
      live = false;
    };
  }, []);
  return rule;
}

/** The form's error for a password the server would refuse (the meter below the field says why), or undefined. */
export function weakPasswordError(
  rule: PasswordRule | undefined,
  password: string,
  userInputs: string[],
): string | undefined {
  if (!rule || !password) return undefined;
  return rule.checkPassword(password, userInputs).ok ? undefined : 'Choose a password that is harder to guess';
}

const meter = ['red', 'red', 'orange', 'teal', 'teal'] as const;
const meterLabel = ['Too easy to guess', 'Too easy to guess', 'Still guessable', 'Strong', 'Very strong'];

/**
 * A new-password field that says, as the person types, whether the password passes and why not: the same
 * zxcvbn rule the server applies. `userInputs`: the email and names on the same form.
 */
export function NewPasswordInput(
  props: PasswordInputProps & { rule: PasswordRule | undefined; userInputs: string[]; testId: string },
) {
  const { rule, userInputs, testId, ...input } = props;
  const value = typeof input.value === 'string' ? input.value : '';
  const verdict = rule && value ? rule.checkPassword(value, userInputs) : undefined;
  return (
    <Stack gap={6}>
      <PasswordInput label="Password" autoComplete="new-password" data-testid={testId} {...input} />
      {verdict ? (
        <div data-testid={`${testId}-strength`} data-ok={verdict.ok}>
          <Progress
            value={((verdict.score + 1) / 5) * 100}
            color={meter[verdict.score]}
            size="sm"
            aria-label="Password strength"
          />
          <Text size="xs" c={verdict.ok ? 'teal' : 'dimmed'} mt={4}>
            {meterLabel[verdict.score]}
            {!verdict.ok ? `: ${rule!.describeWeakPassword(verdict)}` : ''}
          </Text>
        </div>
      ) : (
        <Text size="xs" c="dimmed">
          At least 8 characters; a few unrelated words work well.
        </Text>
      )}
    </Stack>
  );
}
