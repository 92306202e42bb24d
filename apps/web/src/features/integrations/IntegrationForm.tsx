import { useState } from 'react';
import { Button, Group, NativeSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlugConnected, IconRestore } from '@tabler/icons-react';
import { providerKinds, type Capability, type EffectiveIntegration, type ProviderKind } from '@igny8/contracts';
import {
  isPlatformTarget,
  useRemoveIntegration,
  useSaveIntegration,
  useTestIntegration,
  type IntegrationsTarget,
} from '../../api/queries/integrations';
import { isApiError } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { notifySuccess } from '../../lib/notify';
import { capabilityMeta, providerLabels } from './labels';
import {
  draftFrom,
  KEY_AGAIN,
  keyMustBeReentered,
  toSaveBody,
  validateDraft,
  type IntegrationDraft,
  type StoredKey,
} from './draft';
import { OptionFields } from './OptionFields';
import { TestResult } from './TestResult';

const modelPlaceholder: Record<Capability, string> = {
  text: 'gpt-4o-mini',
  image: 'gpt-image-1',
  embeddings: 'text-embedding-3-small (Ollama: nomic-embed-text)',
};

/** The editor for one capability: provider, endpoint, model, key and options; save, test, revert. */
export function IntegrationForm({ target, item }: { target: IntegrationsTarget; item: EffectiveIntegration }) {
  const cap = item.capability;
  const storedKey = item.hasOwnSettings ? item.apiKeyMask : null;
  const storedAt: StoredKey | null = storedKey ? { provider: item.provider, baseUrl: item.baseUrl } : null;
  const form = useForm<IntegrationDraft>({
    initialValues: draftFrom(item),
    validate: (values) => validateDraft(cap, values, storedAt),
  });
  const save = useSaveIntegration(target);
  const test = useTestIntegration(target);
  const revert = useRemoveIntegration(target);
  const [confirmRevert, setConfirmRevert] = useState(false);

  const v = form.values;
  const title = capabilityMeta[cap].title;
  const body = () => toSaveBody(cap, v, item.options);
  const fallback = isPlatformTarget(target) ? 'server defaults' : 'platform settings';

  // The server's own refusals of a field (a blocked base URL, a key that must be entered again) land on that field.
  const onFieldError = (err: unknown) => {
    if (isApiError(err, 'outbound_blocked')) form.setFieldError('baseUrl', err.message);
    if (isApiError(err, 'api_key_required')) form.setFieldError('apiKey', err.message);
  };
  const submit = form.onSubmit(() =>
    save.mutate(
      { capability: cap, body: body() },
      { onSuccess: () => notifySuccess(`${title} settings saved.`), onError: onFieldError },
    ),
  );
  const runTest = () => {
    if (form.validate().hasErrors) return;
    test.mutate({ capability: cap, body: body() }, { onError: onFieldError });
  };
  const keyAgain = keyMustBeReentered(v, storedAt);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NativeSelect
            label="Provider"
            data={providerKinds.map((p) => ({ value: p, label: providerLabels[p] }))}
            data-testid={`integration-provider-${cap}`}
            {...form.getInputProps('provider')}
            onChange={(e) => form.setFieldValue('provider', e.currentTarget.value as ProviderKind)}
          />
          {v.provider !== 'builtin' ? (
            <TextInput
              label="Model"
              placeholder={modelPlaceholder[cap]}
              description="Empty: the default model."
              data-testid={`integration-model-${cap}`}
              {...form.getInputProps('model')}
            />
          ) : (
            <Text size="sm" c="dimmed" mt={{ sm: 28 }}>
              {cap === 'embeddings'
                ? 'Offline there are no embeddings: auto-cluster groups keywords by their words alone.'
                : 'Offline templates need no key and no model. Drafts and images are clearly marked as templates.'}
            </Text>
          )}
        </SimpleGrid>

        {v.provider !== 'builtin' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Base URL"
              placeholder={v.provider === 'openai' ? 'https://api.openai.com/v1' : 'http://localhost:11434/v1'}
              description={
                v.provider === 'openai'
                  ? 'Optional: only for a proxy.'
                  : 'Required: the server’s OpenAI-style API root.'
              }
              withAsterisk={v.provider === 'openai_compatible'}
              data-testid={`integration-baseurl-${cap}`}
              {...form.getInputProps('baseUrl')}
            />
            <PasswordInput
              label="API key"
              autoComplete="new-password"
              placeholder={
                v.removeKey ? 'Key will be removed' : storedKey && !keyAgain ? `Stored: ${storedKey}` : 'sk-…'
              }
              disabled={v.removeKey}
              description={
                keyAgain ? (
                  <span data-testid={`integration-key-again-${cap}`}>{KEY_AGAIN}.</span>
                ) : storedKey ? (
                  <Group gap={6} component="span">
                    <span>{v.removeKey ? 'The stored key is removed on save.' : 'Empty: keep the stored key.'}</span>
                    <Button
                      variant="transparent"
                      size="compact-xs"
                      p={0}
                      color={v.removeKey ? 'indigo' : 'red'}
                      onClick={() => form.setValues({ removeKey: !v.removeKey, apiKey: '' })}
                      data-testid={`integration-removekey-${cap}`}
                    >
                      {v.removeKey ? 'Keep it' : 'Remove key'}
                    </Button>
                  </Group>
                ) : v.provider === 'openai_compatible' ? (
                  'Leave empty if the server needs none.'
                ) : (
                  'Stored encrypted; only a mask is ever shown.'
                )
              }
              data-testid={`integration-apikey-${cap}`}
              {...form.getInputProps('apiKey')}
            />
          </SimpleGrid>
        ) : null}

        <OptionFields capability={cap} form={form} />

        <TestResult capability={cap} result={test.data} error={test.error ?? undefined} />

        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm">
            <Button type="submit" loading={save.isPending} data-testid={`integration-save-${cap}`}>
              Save
            </Button>
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={16} />}
              loading={test.isPending}
              onClick={runTest}
              data-testid={`integration-test-${cap}`}
            >
              Test connection
            </Button>
          </Group>
          {item.hasOwnSettings ? (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconRestore size={16} />}
              onClick={() => setConfirmRevert(true)}
              data-testid={`integration-revert-${cap}`}
            >
              Revert to {fallback}
            </Button>
          ) : null}
        </Group>
      </Stack>

      <ConfirmDialog
        opened={confirmRevert}
        title={`Revert ${title.toLowerCase()} settings`}
        message={`Delete these ${title.toLowerCase()} settings and the stored key? AI calls then use the ${fallback}.`}
        confirmLabel="Revert"
        danger
        loading={revert.isPending}
        onConfirm={() =>
          revert.mutate(cap, {
            onSuccess: () => notifySuccess(`${title} now uses the ${fallback}.`),
            onSettled: () => setConfirmRevert(false),
          })
        }
        onClose={() => setConfirmRevert(false)}
      />
    </form>
  );
}
