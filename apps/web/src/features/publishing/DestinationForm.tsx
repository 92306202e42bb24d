import { useState } from 'react';
import {
  Button,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { DestinationKind } from '@igny8/contracts';
import { isApiError } from '../../api/errors';
import { useCreateDestination } from '../../api/queries/publishing';

function randomSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Connects a WordPress site (application password) or a signed webhook. */
export function DestinationForm(props: { accountId: string; siteId: string; opened: boolean; onClose: () => void }) {
  const create = useCreateDestination(props.accountId, props.siteId);
  const [kind, setKind] = useState<DestinationKind>('wordpress');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const fieldError = (field: string) => {
    if (!isApiError(create.error)) return undefined;
    const details = Array.isArray(create.error.details)
      ? (create.error.details as { path?: string; message?: string }[])
      : [];
    return (
      details.find((d) => d.path === `body.${field}`)?.message ??
      (field === 'url' && isApiError(create.error, 'outbound_blocked') ? create.error.message : undefined)
    );
  };

  const submit = () => {
    const body =
      kind === 'wordpress'
        ? { kind, name: name || 'WordPress', url, username, appPassword: secret, options: { categories, tags: [] } }
        : { kind, name: name || 'Webhook', url, secret };
    create.mutate(body, {
      onSuccess: () => {
        setName('');
        setUrl('');
        setUsername('');
        setSecret('');
        props.onClose();
      },
    });
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Add a destination" size="lg">
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as DestinationKind)}
          data={[
            { value: 'wordpress', label: 'WordPress' },
            { value: 'webhook', label: 'Webhook' },
          ]}
          data-testid="destination-kind"
        />
        <TextInput
          label="Name"
          placeholder={kind === 'wordpress' ? 'My blog' : 'Headless CMS'}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="destination-name"
        />
        <TextInput
          label={kind === 'wordpress' ? 'WordPress site URL' : 'Webhook URL'}
          placeholder={kind === 'wordpress' ? 'https://blog.example.com' : 'https://cms.example.com/igny8'}
          required
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={fieldError('url')}
          data-testid="destination-url"
        />
        {kind === 'wordpress' ? (
          <>
            <TextInput
              label="WordPress username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              data-testid="destination-username"
            />
            <PasswordInput
              label="Application password"
              description="In WordPress: Users → Profile → Application Passwords. Stored encrypted, never shown again."
              required
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              error={fieldError('appPassword')}
              data-testid="destination-password"
            />
            <TagsInput
              label="Categories"
              description="Every post gets these (created when missing). The article's cluster becomes a tag."
              value={categories}
              onChange={setCategories}
            />
          </>
        ) : (
          <>
            <Group align="end" gap="xs">
              <PasswordInput
                style={{ flex: 1 }}
                label="Signing secret"
                description="The receiver checks X-Igny8-Signature (HMAC-SHA256) with it."
                required
                value={secret}
                onChange={(e) => setSecret(e.currentTarget.value)}
                error={fieldError('secret')}
                data-testid="destination-secret"
              />
              <Button variant="default" onClick={() => setSecret(randomSecret())}>
                Generate
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Copy the secret to the receiver now: it is stored encrypted and never shown again.
            </Text>
          </>
        )}
        {create.error && !fieldError('url') && !fieldError('secret') && !fieldError('appPassword') ? (
          <Text size="sm" c="red">
            {create.error.message}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={create.isPending}
            disabled={!url || !secret || (kind === 'wordpress' && !username)}
            data-testid="destination-save"
          >
            Connect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
