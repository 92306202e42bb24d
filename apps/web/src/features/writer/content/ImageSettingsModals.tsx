import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { imageQualities, imageStyles, type ImageQuality } from '@igny8/contracts';
import { CreditNote } from '../../billing/CreditNote';

type ImageStyle = (typeof imageStyles)[number];
const styleLabel: Record<ImageStyle, string> = {
  photo: 'Photo',
  illustration: 'Illustration',
  flat: 'Flat',
  '3d': '3D',
  watercolor: 'Watercolor',
};

export interface ImagePromptSettings {
  wordsPerImage: number;
  maxInline: number;
  style?: ImageStyle;
}

const inRange = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Image prompt settings for the selected articles: how many in-article images, how dense, which style. */
export function GenerateImagePromptsModal(props: {
  accountId: string;
  siteId: string;
  contentIds: string[];
  opened: boolean;
  loading: boolean;
  onClose: () => void;
  onSubmit: (settings: ImagePromptSettings) => void;
}) {
  const [wordsPerImage, setWordsPerImage] = useState(500);
  const [maxInline, setMaxInline] = useState(4);
  const [style, setStyle] = useState<ImageStyle | null>(null);
  const valid = inRange(wordsPerImage, 150, 5000) && inRange(maxInline, 0, 10);
  const n = props.contentIds.length;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Generate image prompts" centered radius="md">
      <Stack gap="md">
        <Text size="sm">
          A featured image and in-article images, each placed after a heading, for the {n} selected article
          {n === 1 ? '' : 's'}.
        </Text>
        <Group grow>
          <NumberInput
            label="Max in-article images"
            min={0}
            max={10}
            allowDecimal={false}
            clampBehavior="strict"
            value={maxInline}
            onChange={(v) => setMaxInline(typeof v === 'number' ? v : Number(v) || 0)}
            data-testid="image-prompts-max-inline"
          />
          <NumberInput
            label="Words per image"
            description="one image per this many words"
            min={150}
            max={5000}
            step={50}
            allowDecimal={false}
            value={wordsPerImage}
            onChange={(v) => setWordsPerImage(typeof v === 'number' ? v : Number(v) || 0)}
            data-testid="image-prompts-words-per-image"
          />
        </Group>
        <Select
          label="Style"
          placeholder="Chosen per article"
          clearable
          value={style}
          onChange={(v) => setStyle(v as ImageStyle | null)}
          data={imageStyles.map((s) => ({ value: s, label: styleLabel[s] }))}
          data-testid="image-prompts-style"
        />
        <CreditNote
          accountId={props.accountId}
          siteId={props.siteId}
          body={props.opened && n > 0 ? { kind: 'image_prompts.generate', contentIds: props.contentIds } : null}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            disabled={!valid || n === 0}
            loading={props.loading}
            onClick={() => props.onSubmit({ wordsPerImage, maxInline, ...(style ? { style } : {}) })}
            data-testid="image-prompts-submit"
          >
            Generate image prompts
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Image generation for the selected articles, with this run's quality (the image settings' by default). */
export function GenerateImagesModal(props: {
  accountId: string;
  siteId: string;
  contentIds: string[];
  opened: boolean;
  loading: boolean;
  onClose: () => void;
  onSubmit: (settings: { quality?: ImageQuality }) => void;
}) {
  const [quality, setQuality] = useState<ImageQuality | null>(null);
  const n = props.contentIds.length;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Generate images" centered radius="md">
      <Stack gap="md">
        <Text size="sm">
          One image per image prompt of the {n} selected article{n === 1 ? '' : 's'}. Without an image provider, title
          cards are rendered instead.
        </Text>
        <Select
          label="Quality"
          placeholder="As in the image settings"
          clearable
          value={quality}
          onChange={(v) => setQuality(v as ImageQuality | null)}
          data={imageQualities.map((q) => ({ value: q, label: q }))}
          data-testid="images-quality"
        />
        <CreditNote
          accountId={props.accountId}
          siteId={props.siteId}
          body={props.opened && n > 0 ? { kind: 'images.generate', contentIds: props.contentIds } : null}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            disabled={n === 0}
            loading={props.loading}
            onClick={() => props.onSubmit(quality ? { quality } : {})}
            data-testid="images-submit"
          >
            Generate images
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
