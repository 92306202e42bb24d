import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useAddKeywords } from '../../../api/queries/keywords';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { parseKeywordLines } from './parseKeywordLines';

export function AddKeywordsModal(props: { opened: boolean; onClose: () => void }) {
  const { accountId, siteId } = useSite();
  const add = useAddKeywords(accountId, siteId);
  const [text, setText] = useState('');
  const parsed = parseKeywordLines(text);
  const count = parsed.keywords.length;

  const close = () => {
    setText('');
    props.onClose();
  };
  const submit = () =>
    add.mutate(parsed.keywords, {
      onSuccess: (r) => {
        notifySuccess(
          `${r.created} added${r.merged ? `, ${r.merged} already on the site (merged)` : ''}.`,
          'Keywords added',
        );
        close();
      },
    });

  return (
    <Modal opened={props.opened} onClose={close} title="Add keywords" size="lg" centered radius="md">
      <Stack gap="md">
        <Textarea
          label="Keywords"
          description='One per line. Add a search volume after a comma if you have it: "pour over coffee, 2400".'
          placeholder={'pour over coffee, 2400\nbest burr grinder, 1900\nhow to descale a kettle'}
          autosize
          minRows={8}
          maxRows={16}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
          data-testid="keywords-add-text"
        />
        <Text size="sm" c="dimmed" data-testid="keywords-add-summary">
          {count} keyword{count === 1 ? '' : 's'} to add
          {parsed.duplicates ? ` · ${parsed.duplicates} repeated line${parsed.duplicates === 1 ? '' : 's'} skipped` : ''}
        </Text>
        {parsed.errors.length > 0 ? (
          <Alert color="red" variant="light" title="Fix these lines first" data-testid="keywords-add-errors">
            <List size="sm" spacing={2}>
              {parsed.errors.slice(0, 20).map((e) => (
                <List.Item key={e.line}>
                  Line {e.line}: {e.message}
                </List.Item>
              ))}
            </List>
            {parsed.errors.length > 20 ? <Text size="sm">…and {parsed.errors.length - 20} more.</Text> : null}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            disabled={count === 0 || parsed.errors.length > 0 || count > 5000}
            loading={add.isPending}
            data-testid="keywords-add-submit"
          >
            Add {count > 0 ? count : ''} keyword{count === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
