import { plural, type Funnel } from '@igny8/contracts';
import type { SiteSub } from '../sites/sitePaths';

/**
 * The pipeline as the overview shows it: which stages there are, where each number leads, and
 * what to do next. Pure, so it is unit-tested without a browser.
 */

export type StageId = 'keywords' | 'clustered' | 'clusters' | 'ideas' | 'queued' | 'content' | 'images';

export interface Stage {
  id: StageId;
  label: string;
  /** For narrow stat cards, when the label is long. */
  short?: string;
  /** One line for newcomers: what the number counts. */
  hint: string;
  /** Page under `/a/:accountId/sites/:siteId/`, with a query string if it filters. */
  sub: SiteSub;
  value: (f: Funnel) => number;
  /** The stage this one is a share of, where that means something ("78% of keywords clustered"). */
  shareOf?: StageId;
}

export const stages: Record<StageId, Stage> = {
  keywords: {
    id: 'keywords',
    label: 'Keywords',
    hint: 'Search terms to rank for',
    sub: 'keywords',
    value: (f) => f.keywords,
  },
  clustered: {
    id: 'clustered',
    label: 'Clustered',
    hint: 'Keywords in a topic',
    sub: 'keywords?clustered=1',
    value: (f) => f.clusteredKeywords,
    shareOf: 'keywords',
  },
  clusters: {
    id: 'clusters',
    label: 'Clusters',
    hint: 'Topics to write about',
    sub: 'clusters',
    value: (f) => f.clusters,
  },
  ideas: { id: 'ideas', label: 'Ideas', hint: 'Outlined article ideas', sub: 'ideas', value: (f) => f.ideas },
  queued: {
    id: 'queued',
    label: 'Queued to writer',
    short: 'Queued',
    hint: 'Ideas sent to the writer',
    sub: 'writer',
    value: (f) => f.queued,
    shareOf: 'ideas',
  },
  content: {
    id: 'content',
    label: 'Content',
    hint: 'Articles written',
    sub: 'content',
    value: (f) => f.contents,
    shareOf: 'queued',
  },
  images: { id: 'images', label: 'Images', hint: 'Images generated', sub: 'images', value: (f) => f.images },
};

/** The funnel chart: one unit flowing down, so clusters (a different unit) are left out. */
export const funnelChartStages: readonly StageId[] = ['keywords', 'clustered', 'ideas', 'queued', 'content', 'images'];

/** The stat cards: every count, clusters included. */
export const statStages: readonly StageId[] = [
  'keywords',
  'clustered',
  'clusters',
  'ideas',
  'queued',
  'content',
  'images',
];

/** "78%" of `total`, or null when there is nothing to compare with. */
export function share(part: number, total: number): string | null {
  if (total <= 0) return null;
  const pct = (part / total) * 100;
  if (pct > 0 && pct < 1) return '<1%';
  return `${Math.round(pct)}%`;
}

export type NextStepId =
  | 'import-keywords'
  | 'cluster'
  | 'generate-ideas'
  | 'queue-ideas'
  | 'generate-content'
  | 'generate-images'
  | 'retry-images'
  | 'write-queued'
  | 'cluster-new'
  | 'queue-more'
  | 'done';

export interface NextStep {
  id: NextStepId;
  title: string;
  description: string;
  /** Button text. */
  action: string;
  /** Page under the site, as in `Stage.sub`. */
  sub: SiteSub;
}

/** For someone who cannot act (a viewer): where the site stands, and who can take the next step. */
const standing: Record<Exclude<NextStepId, 'done'>, { title: string; action: string }> = {
  'import-keywords': { title: 'No keywords yet', action: 'View keywords' },
  cluster: { title: 'Keywords not clustered yet', action: 'View keywords' },
  'generate-ideas': { title: 'No article ideas yet', action: 'View clusters' },
  'queue-ideas': { title: 'No ideas queued to the writer yet', action: 'View ideas' },
  'generate-content': { title: 'Articles not written yet', action: 'View writer' },
  'generate-images': { title: 'Articles without images', action: 'View content' },
  'retry-images': { title: 'Some images failed', action: 'View images' },
  'write-queued': { title: 'Writer queue not finished', action: 'View writer' },
  'cluster-new': { title: 'New keywords not clustered yet', action: 'View unclustered' },
  'queue-more': { title: 'Ideas not queued yet', action: 'View ideas' },
};

/**
 * The next step as a viewer sees it: the state of the site and a link to look at it, never a call to
 * do something their role cannot.
 */
export function nextStepFor(f: Funnel, canEdit: boolean): NextStep {
  const step = nextStep(f);
  if (canEdit || step.id === 'done') return step;
  const { title, action } = standing[step.id];
  return {
    ...step,
    title,
    action,
    description: `${step.description} An editor, admin or owner takes this step; you can follow it here.`,
  };
}

/**
 * The one thing to do next on a site. The first empty stage wins (the pipeline is walked in
 * order); once every stage has something, leftovers are pointed out: failed images first, then
 * queued tasks without content, new unclustered keywords and ideas not yet queued.
 */
export function nextStep(f: Funnel): NextStep {
  const unclustered = Math.max(0, f.keywords - f.clusteredKeywords);
  if (f.keywords === 0) {
    return {
      id: 'import-keywords',
      title: 'Import your keywords',
      description: 'Everything starts with keywords: upload a CSV from your SEO tool or paste a list.',
      action: 'Add keywords',
      sub: 'keywords',
    };
  }
  if (f.clusters === 0) {
    return {
      id: 'cluster',
      title: 'Auto-cluster your keywords',
      description: `Group your ${plural(f.keywords, 'keyword')} into topics with one click ("Auto-cluster all unclustered").`,
      action: 'Open keywords',
      sub: 'keywords?clustered=0',
    };
  }
  if (f.ideas === 0) {
    return {
      id: 'generate-ideas',
      title: 'Generate ideas',
      description: `Turn your ${plural(f.clusters, 'cluster')} into article ideas with outlines.`,
      action: 'Open clusters',
      sub: 'clusters',
    };
  }
  if (f.queued === 0) {
    return {
      id: 'queue-ideas',
      title: 'Queue ideas to the writer',
      description: `Pick the best of your ${plural(f.ideas, 'idea')} and send them to the AI writer.`,
      action: 'Open ideas',
      sub: 'ideas',
    };
  }
  if (f.contents === 0) {
    return {
      id: 'generate-content',
      title: 'Write your first articles',
      description: `${plural(f.queued, 'writer task is', 'writer tasks are')} waiting. Generate their content.`,
      action: 'Open writer',
      sub: 'writer',
    };
  }
  if (f.images === 0 && f.failedImages === 0) {
    return {
      id: 'generate-images',
      title: 'Add images to your articles',
      description: 'Generate image prompts, then images, for your content.',
      action: 'Open content',
      sub: 'content',
    };
  }
  if (f.failedImages > 0) {
    return {
      id: 'retry-images',
      title: 'Retry failed images',
      description: `${plural(f.failedImages, 'image')} failed to generate. Check the prompts and try again.`,
      action: 'Open images',
      sub: 'images',
    };
  }
  if (f.queued > f.contents) {
    const waiting = f.queued - f.contents;
    return {
      id: 'write-queued',
      title: 'Finish the writer queue',
      description: `${plural(waiting, 'writer task has', 'writer tasks have')} no content yet.`,
      action: 'Open writer',
      sub: 'writer',
    };
  }
  if (unclustered > 0) {
    return {
      id: 'cluster-new',
      title: 'Cluster your new keywords',
      description: `${plural(unclustered, 'keyword is', 'keywords are')} not in a cluster yet.`,
      action: 'Open unclustered',
      sub: 'keywords?clustered=0',
    };
  }
  if (f.ideas > f.queued) {
    const waiting = f.ideas - f.queued;
    return {
      id: 'queue-more',
      title: 'Queue more ideas',
      description: `${plural(waiting, 'idea is', 'ideas are')} not queued to the writer yet.`,
      action: 'Open ideas',
      sub: 'ideas',
    };
  }
  return {
    id: 'done',
    title: 'Your pipeline is up to date',
    description: 'Review and export your articles, or add more keywords to grow the site.',
    action: 'Open content',
    sub: 'content',
  };
}
