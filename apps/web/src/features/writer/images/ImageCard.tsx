import { Badge, Button, Card, Group, Spoiler, Stack, Text, Tooltip } from '@mantine/core';
import { IconLoader2, IconPhotoAi, IconRefresh, IconWand } from '@tabler/icons-react';
import { Link } from 'react-router';
import { imageStatusMeta } from '../statusLabels';
import { canRewritePrompt, type GalleryItem } from './gallery';
import { ImageThumb } from './ImageThumb';

export interface ImageCardActions {
  busyId: string | null;
  onRegenerate: (item: GalleryItem) => void;
  onRewrite: (item: GalleryItem) => void;
  onGenerate: (item: GalleryItem) => void;
  /** the account's task list, where a queued image's task opens */
  tasksPath: string;
}

export function ImageCard(props: {
  item: GalleryItem;
  src: string | undefined;
  loadError: string | undefined;
  actions: ImageCardActions | null;
}) {
  const { item, actions } = props;
  const status = imageStatusMeta[item.status];
  const busy = item.status === 'queued' || item.status === 'generating' || actions?.busyId === item.id;
  const error = item.image?.error;

  return (
    <Card withBorder radius="md" padding="sm" data-testid={`image-card-${item.id}`} data-status={item.status}>
      <Card.Section>
        <ImageThumb item={item} src={props.src} loadError={props.loadError} />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Badge variant="outline" size="sm" color={item.kind === 'featured' ? 'indigo' : 'gray'}>
            {item.kind === 'featured' ? 'Featured' : 'Inline'}
          </Badge>
          <Badge variant="light" size="sm" color={status.color} data-testid={`image-status-${item.id}`}>
            {status.label}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {item.kind === 'featured' ? 'Top of the article' : `After “${item.placement ?? '—'}”`}
        </Text>
        <Text size="sm" lineClamp={2} title={item.alt}>
          <Text span size="xs" c="dimmed">
            Alt:{' '}
          </Text>
          {item.alt || '—'}
        </Text>
        {item.caption ? (
          <Text size="sm" fs="italic" c="dimmed" lineClamp={2}>
            {item.caption}
          </Text>
        ) : null}
        {error ? (
          <Text size="xs" c="red" data-testid={`image-error-${item.id}`}>
            {error.message}
          </Text>
        ) : null}
        {props.loadError && !error ? (
          <Text size="xs" c="red">
            {props.loadError}
          </Text>
        ) : null}
        <Spoiler maxHeight={0} showLabel="Show prompt" hideLabel="Hide prompt" styles={{ control: { fontSize: 12 } }}>
          <Text size="xs" c="dimmed">
            {item.prompt}
          </Text>
          {item.image?.provider ? (
            <Text size="xs" c="dimmed" mt={4}>
              {item.image.provider}
              {item.image.model ? ` · ${item.image.model}` : ''}
            </Text>
          ) : null}
        </Spoiler>
        {item.taskRunId && actions ? (
          <Button
            size="compact-sm"
            variant="light"
            component={Link}
            to={`${actions.tasksPath}?task=${item.taskRunId}`}
            leftSection={<IconLoader2 size={14} />}
            data-testid={`image-task-${item.id}`}
          >
            In a task: view it
          </Button>
        ) : actions ? (
          <Group gap="xs" mt={2}>
            {item.image ? (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconRefresh size={14} />}
                disabled={busy}
                onClick={() => actions.onRegenerate(item)}
                data-testid={`image-regenerate-${item.id}`}
              >
                Regenerate
              </Button>
            ) : (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconPhotoAi size={14} />}
                disabled={busy}
                onClick={() => actions.onGenerate(item)}
                data-testid={`image-generate-${item.id}`}
              >
                Generate
              </Button>
            )}
            {canRewritePrompt(item) ? (
              <Tooltip
                label="The provider refused this prompt. Rewrite it in safer words and try again."
                withArrow
                multiline
                w={240}
              >
                <Button
                  size="compact-sm"
                  variant="light"
                  color="orange"
                  leftSection={<IconWand size={14} />}
                  disabled={busy}
                  onClick={() => actions.onRewrite(item)}
                  data-testid={`image-rewrite-${item.id}`}
                >
                  Rewrite prompt and retry
                </Button>
              </Tooltip>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
