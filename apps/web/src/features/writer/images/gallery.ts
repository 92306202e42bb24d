import type { Image, ImagePrompt } from '@igny8/contracts';

/**
 * The images page groups everything by article: each image prompt with its image, if one was
 * generated (images only exist once generation has started for their prompt).
 */

export type GalleryStatus = Image['status'] | 'not_generated';

export interface GalleryItem {
  /** The image's id once it exists, else the prompt's: the card's stable key. */
  id: string;
  promptId: string;
  image: Image | null;
  kind: ImagePrompt['kind'];
  placement: string | null;
  position: number;
  prompt: string;
  alt: string;
  caption: string;
  status: GalleryStatus;
  /** the queued or running task run that will (re)generate this image */
  taskRunId: string | null;
}

export interface GallerySection {
  contentId: string;
  title: string;
  items: GalleryItem[];
  generated: number;
  busy: number;
  failed: number;
}

function fromPrompt(p: ImagePrompt, image: Image | undefined): GalleryItem {
  return {
    id: image?.id ?? p.id,
    promptId: p.id,
    image: image ?? null,
    kind: p.kind,
    placement: p.placement,
    position: p.position,
    prompt: image?.prompt ?? p.prompt,
    alt: p.alt,
    caption: p.caption,
    // Not generated yet, but in a task waiting to run: queued, not a card to generate again.
    status: image?.status ?? (p.taskRunId ? 'queued' : 'not_generated'),
    taskRunId: p.taskRunId,
  };
}

function fromImage(i: Image): GalleryItem {
  const { id, kind, placement, position, prompt, alt, caption, status } = i;
  return {
    id,
    promptId: i.imagePromptId,
    image: i,
    kind,
    placement,
    position,
    prompt,
    alt,
    caption,
    status,
    taskRunId: null,
  };
}

/** Sections in the order of `articles` (the content list's order); articles unknown to it go last. */
export function buildGallery(
  prompts: readonly ImagePrompt[],
  images: readonly Image[],
  articles: readonly { id: string; title: string }[],
): GallerySection[] {
  const imageByPrompt = new Map(images.map((i) => [i.imagePromptId, i]));
  const byContent = new Map<string, GalleryItem[]>();
  const add = (contentId: string, item: GalleryItem) =>
    byContent.set(contentId, [...(byContent.get(contentId) ?? []), item]);
  const promptIds = new Set<string>();
  for (const p of prompts) {
    promptIds.add(p.id);
    add(p.contentId, fromPrompt(p, imageByPrompt.get(p.id)));
  }
  // An image whose prompt is not in the prompt list (lists fetched a moment apart) still shows.
  for (const i of images) if (!promptIds.has(i.imagePromptId)) add(i.contentId, fromImage(i));

  const order = new Map(articles.map((a, n) => [a.id, n]));
  const titles = new Map(articles.map((a) => [a.id, a.title]));
  return [...byContent.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
    .map(([contentId, items]) => {
      const sorted = [...items].sort((a, b) => a.position - b.position);
      return {
        contentId,
        title: titles.get(contentId) ?? 'Untitled article',
        items: sorted,
        generated: sorted.filter((i) => i.status === 'generated').length,
        busy: sorted.filter((i) => i.status === 'queued' || i.status === 'generating').length,
        failed: sorted.filter((i) => i.status === 'failed').length,
      };
    });
}

/** Only a refusal by the provider's content policy is worth rewriting the prompt for. */
export function canRewritePrompt(item: Pick<GalleryItem, 'status' | 'image'>): boolean {
  return item.status === 'failed' && item.image?.error?.code === 'provider_content_policy';
}
