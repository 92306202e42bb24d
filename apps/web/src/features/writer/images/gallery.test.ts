import { describe, expect, it } from 'vitest';
import type { Image, ImagePrompt } from '@igny8/contracts';
import { buildGallery, canRewritePrompt } from './gallery';

const prompt = (id: string, contentId: string, position: number): ImagePrompt => ({
  id,
  contentId,
  kind: position === 0 ? 'featured' : 'inline',
  placement: position === 0 ? null : `Heading ${position}`,
  position,
  prompt: `prompt ${id}`,
  alt: `alt ${id}`,
  caption: `caption ${id}`,
  style: 'photo',
  taskRunId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const image = (id: string, p: ImagePrompt, status: Image['status'], error: Image['error'] = null): Image => ({
  id,
  contentId: p.contentId,
  imagePromptId: p.id,
  kind: p.kind,
  placement: p.placement,
  position: p.position,
  alt: p.alt,
  caption: p.caption,
  prompt: p.prompt,
  status,
  error,
  fileUrl: status === 'generated' ? `/file/${id}` : null,
  mimeType: 'image/png',
  provider: 'builtin',
  model: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('image gallery', () => {
  const a0 = prompt('a0', 'A', 0);
  const a1 = prompt('a1', 'A', 1);
  const b0 = prompt('b0', 'B', 0);

  it('groups prompts by article in the content list order, with their images', () => {
    const sections = buildGallery(
      [a1, b0, a0],
      [image('i-a0', a0, 'generated'), image('i-b0', b0, 'failed')],
      [
        { id: 'B', title: 'Article B' },
        { id: 'A', title: 'Article A' },
      ],
    );
    expect(sections.map((s) => s.title)).toEqual(['Article B', 'Article A']);
    const a = sections[1]!;
    expect(a.items.map((i) => [i.id, i.status])).toEqual([
      ['i-a0', 'generated'],
      ['a1', 'not_generated'],
    ]);
    expect(a).toMatchObject({ generated: 1, busy: 0, failed: 0 });
    expect(sections[0]).toMatchObject({ generated: 0, failed: 1 });
  });

  it('counts queued and generating images as busy', () => {
    const [s] = buildGallery([a0, a1], [image('x', a0, 'queued'), image('y', a1, 'generating')], []);
    expect(s!.busy).toBe(2);
  });

  it('keeps an image whose prompt is missing from the prompt list, and unknown articles last', () => {
    const sections = buildGallery([b0], [image('i-a1', a1, 'generated')], [{ id: 'B', title: 'B' }]);
    expect(sections.map((s) => s.contentId)).toEqual(['B', 'A']);
    expect(sections[1]!.items[0]).toMatchObject({
      id: 'i-a1',
      promptId: 'a1',
      status: 'generated',
      placement: 'Heading 1',
    });
  });

  it('offers a prompt rewrite only for content-policy refusals', () => {
    const policy = image('p', a0, 'failed', { code: 'provider_content_policy', message: 'refused' });
    const other = image('o', a0, 'failed', { code: 'provider_error', message: 'boom' });
    expect(canRewritePrompt({ status: 'failed', image: policy })).toBe(true);
    expect(canRewritePrompt({ status: 'failed', image: other })).toBe(false);
    expect(canRewritePrompt({ status: 'not_generated', image: null })).toBe(false);
  });
});

describe('an image queued in a task', () => {
  it('shows as queued with its task, not as a card to generate', () => {
    const p = { ...prompt('q1', 'c1', 0), taskRunId: 'run-1' };
    const [section] = buildGallery([p], [], [{ id: 'c1', title: 'Cold brew' }]);
    expect(section!.items[0]).toMatchObject({ status: 'queued', taskRunId: 'run-1' });
    expect(section!.busy).toBe(1);
  });
});
