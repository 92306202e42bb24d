import { describe, expect, it } from 'vitest';
import type { Funnel } from '@igny8/contracts';
import { siteHomePath } from '../sites/sitePaths';
import { funnelChartStages, nextStep, nextStepFor, share, stages, statStages } from './pipeline';

const empty: Funnel = {
  keywords: 0,
  clusteredKeywords: 0,
  clusters: 0,
  ideas: 0,
  queued: 0,
  contents: 0,
  images: 0,
  failedImages: 0,
};
const f = (over: Partial<Funnel>): Funnel => ({ ...empty, ...over });
const full = f({
  keywords: 300,
  clusteredKeywords: 300,
  clusters: 20,
  ideas: 40,
  queued: 40,
  contents: 40,
  images: 80,
});

describe('nextStepFor a viewer', () => {
  it('says where the site stands and links to look, never a call to act', () => {
    const funnel = f({
      keywords: 310,
      clusteredKeywords: 300,
      clusters: 20,
      ideas: 40,
      queued: 40,
      contents: 40,
      images: 80,
    });
    expect(nextStepFor(funnel, true)).toMatchObject({
      id: 'cluster-new',
      title: 'Cluster your new keywords',
      action: 'Open unclustered',
    });
    const viewer = nextStepFor(funnel, false);
    expect(viewer).toMatchObject({
      id: 'cluster-new',
      title: 'New keywords not clustered yet',
      action: 'View unclustered',
      sub: 'keywords?clustered=0',
    });
    expect(viewer.description).toContain('An editor, admin or owner');
    expect(nextStepFor(full, false)).toEqual(nextStep(full));
  });
});

describe('nextStep', () => {
  it('starts with importing keywords', () => {
    expect(nextStep(empty)).toMatchObject({ id: 'import-keywords', sub: 'keywords' });
  });

  it('suggests auto-clustering when there are keywords but no clusters', () => {
    const step = nextStep(f({ keywords: 312 }));
    expect(step).toMatchObject({ id: 'cluster', title: 'Auto-cluster your keywords', sub: 'keywords?clustered=0' });
    expect(step.description).toContain('312 keywords');
  });

  it('walks the pipeline in order: ideas, queue, content, images', () => {
    expect(nextStep(f({ keywords: 10, clusteredKeywords: 10, clusters: 3 }))).toMatchObject({
      id: 'generate-ideas',
      sub: 'clusters',
    });
    expect(nextStep(f({ keywords: 10, clusteredKeywords: 10, clusters: 3, ideas: 5 }))).toMatchObject({
      id: 'queue-ideas',
      sub: 'ideas',
    });
    expect(nextStep(f({ keywords: 10, clusteredKeywords: 10, clusters: 3, ideas: 5, queued: 1 }))).toMatchObject({
      id: 'generate-content',
      sub: 'writer',
    });
    expect(
      nextStep(f({ keywords: 10, clusteredKeywords: 10, clusters: 3, ideas: 5, queued: 1, contents: 1 })),
    ).toMatchObject({ id: 'generate-images', sub: 'content' });
  });

  it('an empty early stage wins over leftovers further down', () => {
    // Unclustered keywords and failed images, but no ideas yet: ideas come first.
    expect(nextStep(f({ keywords: 10, clusteredKeywords: 4, clusters: 2, failedImages: 1 })).id).toBe('generate-ideas');
  });

  it('points at failed images before anything else once every stage has something', () => {
    const step = nextStep({ ...full, failedImages: 3, keywords: 400 });
    expect(step).toMatchObject({ id: 'retry-images', sub: 'images' });
    expect(step.description).toMatch(/^3 images failed/);
  });

  it('failed images alone (none generated) ask for a retry, not a first generation', () => {
    expect(nextStep({ ...full, images: 0, failedImages: 2 }).id).toBe('retry-images');
  });

  it('then queued tasks without content, new keywords, and unqueued ideas', () => {
    expect(nextStep({ ...full, queued: 45 })).toMatchObject({ id: 'write-queued', sub: 'writer' });
    expect(nextStep({ ...full, queued: 45 }).description).toBe('5 writer tasks have no content yet.');
    expect(nextStep({ ...full, keywords: 301 })).toMatchObject({ id: 'cluster-new', sub: 'keywords?clustered=0' });
    expect(nextStep({ ...full, keywords: 301 }).description).toBe('1 keyword is not in a cluster yet.');
    expect(nextStep({ ...full, ideas: 42 })).toMatchObject({ id: 'queue-more', sub: 'ideas' });
  });

  it('says the pipeline is up to date when nothing is left', () => {
    expect(nextStep(full)).toMatchObject({ id: 'done', sub: 'content' });
  });
});

describe('stages', () => {
  it('link every number to its page', () => {
    const hrefs = Object.fromEntries(statStages.map((id) => [id, siteHomePath('acc', 'site', stages[id].sub)]));
    expect(hrefs).toEqual({
      keywords: '/a/acc/sites/site/keywords',
      clustered: '/a/acc/sites/site/keywords?clustered=1',
      clusters: '/a/acc/sites/site/clusters',
      ideas: '/a/acc/sites/site/ideas',
      queued: '/a/acc/sites/site/writer',
      content: '/a/acc/sites/site/content',
      images: '/a/acc/sites/site/images',
    });
  });

  it('read their counts from the funnel, and the chart leaves clusters out', () => {
    const funnel: Funnel = {
      keywords: 1,
      clusteredKeywords: 2,
      clusters: 3,
      ideas: 4,
      queued: 5,
      contents: 6,
      images: 7,
      failedImages: 8,
    };
    expect(statStages.map((id) => stages[id].value(funnel))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(funnelChartStages).not.toContain('clusters');
  });
});

describe('share', () => {
  it('is a rounded percentage, null without a total', () => {
    expect(share(78, 100)).toBe('78%');
    expect(share(1, 300)).toBe('<1%');
    expect(share(0, 300)).toBe('0%');
    expect(share(5, 0)).toBeNull();
  });
});

describe('shareOf', () => {
  it('compares only stages of the same unit', () => {
    expect(stages.clustered.shareOf).toBe('keywords');
    expect(stages.queued.shareOf).toBe('ideas');
    expect(stages.content.shareOf).toBe('queued');
    expect(stages.ideas.shareOf).toBeUndefined();
    expect(stages.images.shareOf).toBeUndefined();
  });
});
