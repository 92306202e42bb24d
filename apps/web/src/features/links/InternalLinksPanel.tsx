import { Anchor, Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconLink, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useInsertLinks, useLinkSuggestions, useRejectLink } from '../../api/queries/writing';
import { contentEditorPath } from '../writer/paths';

const AUTO_COUNT = 3;

/**
 * Links to the site's other articles, with anchors found in this article's body. Accepting changes the stored body,
 * so it waits for unsaved edits to be saved first; the editor then takes the new body.
 */
export function InternalLinksPanel(props: {
  accountId: string;
  siteId: string;
  contentId: string;
  canEdit: boolean;
  dirty: boolean;
  onBodyChanged: (html: string) => void;
}) {
  const { accountId, siteId, contentId } = props;
  const suggestions = useLinkSuggestions(accountId, siteId, contentId);
  const insert = useInsertLinks(accountId, siteId, contentId);
  const reject = useRejectLink(accountId, siteId, contentId);
  const open = suggestions.data?.items.filter((s) => !s.linked) ?? [];
  const linked = suggestions.data?.items.filter((s) => s.linked) ?? [];
  const blocked = !props.canEdit || props.dirty;
  const apply = (what: { targetContentId: string } | { count: number }) =>
    insert.mutate(what, { onSuccess: (answer) => props.onBodyChanged(answer.bodyHtml) });

  return (
    <div data-testid="internal-links">
      <Group justify="space-between" mb={6}>
        <Group gap={6}>
          <IconLink size={16} />
          <Text size="sm" fw={600}>
            Internal links
          </Text>
        </Group>
        {props.canEdit && open.length > 0 ? (
          <Tooltip label={props.dirty ? 'Save your changes first' : `Insert the ${AUTO_COUNT} best links`} withArrow>
            <Button
              size="compact-xs"
              variant="light"
              disabled={blocked}
              loading={insert.isPending && 'count' in (insert.variables ?? {})}
              onClick={() => apply({ count: AUTO_COUNT })}
              data-testid="links-auto"
            >
              Insert best {Math.min(AUTO_COUNT, open.length)}
            </Button>
          </Tooltip>
        ) : null}
      </Group>
      {suggestions.isPending ? <Loader size="xs" /> : null}
      {suggestions.data && suggestions.data.items.length === 0 ? (
        <Text size="xs" c="dimmed">
          No other article of this site is mentioned in the text yet.
        </Text>
      ) : null}
      {props.canEdit && props.dirty && open.length > 0 ? (
        <Text size="xs" c="orange" mb={4}>
          Save your changes to accept links.
        </Text>
      ) : null}
      <Stack gap={8}>
        {open.map((s) => (
          <div key={s.targetContentId} data-testid="link-suggestion">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Anchor
                  component={Link}
                  to={contentEditorPath(accountId, siteId, s.targetContentId)}
                  size="sm"
                  lineClamp={1}
                >
                  {s.targetTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  “{s.anchor}” · {s.reasons.join(', ')}
                </Text>
              </div>
              {props.canEdit ? (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label="Link this text" withArrow>
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="teal"
                      disabled={blocked}
                      onClick={() => apply({ targetContentId: s.targetContentId })}
                      aria-label={`Accept link to ${s.targetTitle}`}
                      data-testid="link-accept"
                    >
                      <IconCheck size={14} />
                    </Button>
                  </Tooltip>
                  <Tooltip label="Not a good link" withArrow>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      disabled={!props.canEdit}
                      onClick={() => reject.mutate(s.targetContentId)}
                      aria-label={`Reject link to ${s.targetTitle}`}
                      data-testid="link-reject"
                    >
                      <IconX size={14} />
                    </Button>
                  </Tooltip>
                </Group>
              ) : null}
            </Group>
          </div>
        ))}
        {linked.map((s) => (
          <Group key={s.targetContentId} gap={6} wrap="nowrap" data-testid="link-linked">
            <Badge size="xs" variant="light" color="teal">
              Linked
            </Badge>
            <Text size="xs" lineClamp={1}>
              {s.targetTitle} (“{s.anchor}”)
            </Text>
          </Group>
        ))}
      </Stack>
    </div>
  );
}
