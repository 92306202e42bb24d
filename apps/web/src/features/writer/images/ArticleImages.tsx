import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPhotoAi } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ImageCard, type ImageCardActions } from './ImageCard';
import type { GallerySection } from './gallery';

/** One article's image prompts and images, with its own "Generate images". */
export function ArticleImages(props: {
  section: GallerySection;
  editorHref: string;
  urls: Record<string, string>;
  loadErrors: Record<string, string>;
  actions: ImageCardActions | null;
  onGenerateAll: (() => void) | null;
  generating: boolean;
}) {
  const { section: s } = props;
  const missing = s.items.length - s.generated - s.busy;

  return (
    <Paper withBorder radius="md" p="md" data-testid={`images-article-${s.contentId}`}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={props.editorHref} fw={600} lineClamp={1}>
            {s.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {s.generated} of {s.items.length} generated
            {s.busy ? ` · ${s.busy} in progress` : ''}
            {s.failed ? ` · ${s.failed} failed` : ''}
          </Text>
        </Stack>
        {props.onGenerateAll ? (
          <Button
            size="xs"
            variant={missing > 0 ? 'filled' : 'default'}
            leftSection={<IconPhotoAi size={14} />}
            loading={props.generating}
            disabled={s.busy > 0}
            onClick={props.onGenerateAll}
            data-testid={`images-generate-${s.contentId}`}
          >
            {s.generated === 0 ? 'Generate images' : 'Regenerate all'}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md">
        {s.items.map((item) => (
          <ImageCard
            key={item.id}
            item={item}
            src={item.image ? props.urls[item.image.id] : undefined}
            loadError={item.image ? props.loadErrors[item.image.id] : undefined}
            actions={props.actions}
          />
        ))}
      </SimpleGrid>
    </Paper>
  );
}
