import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { setupBodySchema, type SetupBody } from '@igny8/contracts';
import { zodValidate } from '../../lib/form';
import { FormError } from './FormError';
import { NewPasswordInput, usePasswordRule, weakPasswordError } from './NewPasswordInput';

const inputsOf = (v: SetupBody) => [v.email, v.name, v.accountName];

/** Name, email, password and account name: the body of both first-run setup and sign-up. */
export function OwnerForm(props: {
  testIdPrefix: 'setup' | 'signup';
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: SetupBody) => void;
}) {
  const { testIdPrefix: p } = props;
  const rule = usePasswordRule();
  const form = useForm<SetupBody>({
    initialValues: { name: '', email: '', password: '', accountName: '' },
    validate: (values) => {
      const errors = zodValidate<SetupBody>(setupBodySchema)(values);
      const weak = errors.password ? undefined : weakPasswordError(rule, values.password, inputsOf(values));
      return weak ? { ...errors, password: weak } : errors;
    },
  });

  return (
    <form onSubmit={form.onSubmit(props.onSubmit)} noValidate>
      <Stack gap="md">
        <FormError error={props.error} />
        <TextInput label="Your name" autoComplete="name" data-testid={`${p}-name`} {...form.getInputProps('name')} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          data-testid={`${p}-email`}
          {...form.getInputProps('email')}
        />
        <NewPasswordInput
          rule={rule}
          userInputs={inputsOf(form.values)}
          testId={`${p}-password`}
          {...form.getInputProps('password')}
        />
        <TextInput
          label="Account name"
          description="Your company or team; you can rename it later"
          autoComplete="organization"
          data-testid={`${p}-account-name`}
          {...form.getInputProps('accountName')}
        />
        <Button type="submit" loading={props.pending} fullWidth data-testid={`${p}-submit`}>
          {props.submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
