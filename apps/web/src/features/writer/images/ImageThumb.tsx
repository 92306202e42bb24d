import { AspectRatio, Center, Image as MantineImage, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconPhoto } from '@tabler/icons-react';
import type { GalleryItem } from './gallery';

/** The card's picture: the fetched file, or what stands in for it while there is none. */
export function ImageThumb(props: { item: GalleryItem; src: string | undefined; loadError: string | undefined }) {
  const { item, src } = props;
  let body;
  if (src) {
    body = <MantineImage src={src} alt={item.alt} fit="cover" h="100%" data-testid={`image-thumb-${item.id}`} />;
  } else if (item.status === 'queued' || item.status === 'generating') {
    body = (
      <Stack align="center" gap={6}>
        <Loader size="sm" />
        <Text size="xs" c="dimmed">
          {item.status === 'queued' ? 'Waiting to generate…' : 'Generating…'}
        </Text>
      </Stack>
    );
  } else if (item.status === 'failed' || props.loadError) {
    body = (
      <ThemeIcon size={40} radius="xl" variant="light" color="red">
        <IconAlertTriangle size={20} />
      </ThemeIcon>
    );
  } else if (item.status === 'generated') {
    body = <Loader size="sm" type="dots" />;
  } else {
    body = (
      <Stack align="center" gap={4}>
        <IconPhoto size={28} stroke={1.3} color="var(--mantine-color-gray-5)" />
        <Text size="xs" c="dimmed">
          Not generated yet
        </Text>
      </Stack>
    );
  }
  return (
    <AspectRatio ratio={16 / 9} bg="gray.1" style={{ borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}>
      <Center>{body}</Center>
    </AspectRatio>
  );
}
