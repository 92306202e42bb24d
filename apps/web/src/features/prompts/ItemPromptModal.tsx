import { useState } from 'react';
import { Badge, Button, Code, Group, Loader, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { PromptItemView, PromptText } from '@igny8/contracts';
import { useItemPrompt, useSaveItemPrompt, type PromptItem } from '../../api/queries/writing';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../auth/FormError';

const sourceLabel = { item: 'Its own', account: 'The account’s', default: 'The default' } as const;

/** The article prompt of one writer task (or idea), ahead of the account's: admins change it, others read it. */
export function ItemPromptModal(props: {
  accountId: string;
  siteId: string;
  item: PromptItem;
  title: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const view = useItemPrompt(props.accountId, props.siteId, props.item, 'article');
  return (
    <Modal opened onClose={props.onClose} title={`Article prompt for “${props.title}”`} size="xl" centered>
      {view.data ? (
        <ItemPromptForm key={`${view.data.source}|${view.data.effective.prompt}`} {...props} view={view.data} />
      ) : (
        <Loader size="sm" />
      )}
      <FormError error={view.error} />
    </Modal>
  );
}

function ItemPromptForm(props: {
  accountId: string;
  siteId: string;
  item: PromptItem;
  canEdit: boolean;
  view: PromptItemView;
  onClose: () => void;
}) {
  const { view } = props;
  const [text, setText] = useState<PromptText>(view.effective);
  const save = useSaveItemPrompt(props.accountId, props.siteId, props.item, 'article');
  const done = (message: string) => () => notifySuccess(message, 'Prompt saved');
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">In force:</Text>
        <Badge variant="light" color={view.source === 'item' ? 'indigo' : 'gray'} data-testid="item-prompt-source">
          {sourceLabel[view.source]}
        </Badge>
        <Text size="xs" c="dimmed">
          Variables as on the Prompts page, e.g. <Code>{'{keyword}'}</Code> <Code>{'{outline}'}</Code>{' '}
          <Code>{'{brand_voice}'}</Code>
        </Text>
      </Group>
      <Textarea
        label="System"
        autosize
        minRows={3}
        maxRows={12}
        ff="monospace"
        readOnly={!props.canEdit}
        value={text.system}
        onChange={(e) => setText({ ...text, system: e.currentTarget.value })}
      />
      <Textarea
        label="Prompt"
        autosize
        minRows={4}
        maxRows={14}
        ff="monospace"
        readOnly={!props.canEdit}
        value={text.prompt}
        onChange={(e) => setText({ ...text, prompt: e.currentTarget.value })}
        data-testid="item-prompt-text"
      />
      <FormError error={save.error} />
      {props.canEdit ? (
        <Group justify="flex-end">
          {view.override ? (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => save.mutate(null, { onSuccess: done('This item uses the account’s prompt again.') })}
              loading={save.isPending}
            >
              Use the account’s prompt
            </Button>
          ) : null}
          <Button
            onClick={() => save.mutate(text, { onSuccess: done('Used the next time this article is written.') })}
            loading={save.isPending}
            data-testid="item-prompt-save"
          >
            Save for this item
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
