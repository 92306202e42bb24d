import type { WordpressOptions } from '@igny8/contracts';
import type { OutboundPolicy } from '../../../net/outbound';
import { articleHtml, articleJsonLd, type PublishPackage } from '../package';
import { DestinationError, type PublishTarget, type PushRequest, type PushResult, type RemoteState } from './types';
import { WordPressApi, type WordPressCredentials } from './wordpress-api';

/**
 * Publishing to WordPress: media to /wp/v2/media (alt text and caption set), missing categories and
 * tags created, the post created once and updated ever after (its id is stored; a retry first looks
 * for the marker a timed-out attempt wrote into the body), and, with the igny8 bridge plugin, Yoast
 * SEO / Rank Math meta and Article JSON-LD. Without the plugin the post is published all the same and
 * the result says what was skipped.
 */

interface WpPost {
  id: number;
  link: string;
  status: string;
  date_gmt: string | null;
  content?: { raw?: string };
}

interface WpUser {
  id: number;
  name: string;
  roles?: string[];
  capabilities?: Record<string, boolean>;
}

const BRIDGE_NAMESPACE = 'igny8/v1';
const remoteStatuses = ['publish', 'future', 'draft', 'pending', 'private', 'trash'] as const;
type Remote = (typeof remoteStatuses)[number];
const asRemote = (s: string): Remote => ((remoteStatuses as readonly string[]).includes(s) ? (s as Remote) : 'draft');
/** WordPress wants GMT dates without a zone suffix. */
const gmt = (d: Date) => d.toISOString().slice(0, 19);

export class WordPressTarget implements PublishTarget {
  private readonly api: WordPressApi;

  constructor(
    creds: WordPressCredentials,
    private readonly options: WordpressOptions,
    outbound: OutboundPolicy,
  ) {
    this.api = new WordPressApi(creds, outbound);
  }

  async test() {
    const { root, namespaces } = await this.api.discover();
    const me = await this.api.request<WpUser>('GET', '/wp/v2/users/me', { query: { context: 'edit' } });
    const bridge = namespaces.includes(BRIDGE_NAMESPACE)
      ? await this.api
          .request<{ version: string; yoast: boolean; rankMath: boolean }>('GET', '/igny8/v1/status')
          .catch(() => null)
      : null;
    const canPublish = me.capabilities?.publish_posts === true;
    const canUploadFiles = me.capabilities?.upload_files === true;
    return {
      ok: true,
      message: `Connected as ${me.name}${canPublish ? '' : ', who cannot publish posts'}${canUploadFiles ? '' : ' or upload images'}`,
      user: { id: me.id, name: me.name, roles: me.roles ?? [] },
      canPublish,
      canUploadFiles,
      bridge: bridge ? { version: String(bridge.version), yoast: !!bridge.yoast, rankMath: !!bridge.rankMath } : null,
      restRoot: root,
    };
  }

  async push(req: PushRequest): Promise<PushResult> {
    const { pkg } = req;
    const { namespaces } = await this.api.discover();
    // Who we are, before anything is written: a wrong password changes nothing.
    const me = await this.api.request<WpUser>('GET', '/wp/v2/users/me');
    const warnings: string[] = [];

    const media = { ...req.media };
    for (const image of pkg.images) {
      if (media[image.key]) continue;
      const uploaded = await this.api.request<{ id: number; source_url: string }>('POST', '/wp/v2/media', {
        body: image.data,
        headers: { 'content-type': image.mimeType, 'content-disposition': `attachment; filename="${image.filename}"` },
        // The REST API applies these fields of the upload request to the new attachment.
        query: { alt_text: image.alt, caption: image.caption || undefined, title: image.alt || pkg.title },
      });
      const item = { id: uploaded.id, url: uploaded.source_url };
      media[image.key] = item;
      await req.onMedia(image.key, item);
    }
    const featured = pkg.images.find((i) => i.kind === 'featured');

    const [categories, tags] = await Promise.all([
      this.termIds('categories', [...this.options.categories, ...pkg.categories]),
      this.termIds('tags', [...pkg.tags, ...this.options.tags]),
    ]);

    const now = new Date();
    const scheduled = req.mode.kind === 'future' ? req.mode.at : null;
    const bridge = namespaces.includes(BRIDGE_NAMESPACE);
    const seoMeta = (url: string | null) => ({
      _yoast_wpseo_title: pkg.seo.title,
      _yoast_wpseo_metadesc: pkg.seo.description,
      _yoast_wpseo_focuskw: pkg.seo.focusKeyword,
      rank_math_title: pkg.seo.title,
      rank_math_description: pkg.seo.description,
      rank_math_focus_keyword: pkg.seo.focusKeyword,
      _igny8_jsonld: JSON.stringify(
        articleJsonLd(pkg, {
          url,
          imageUrl: featured ? (media[featured.key]?.url ?? null) : null,
          authorName: me.name,
          datePublished: scheduled ?? now,
          dateModified: now,
        }),
      ),
    });
    if (!bridge)
      warnings.push('SEO meta and JSON-LD skipped: the igny8 bridge plugin is not active on this WordPress site');

    const post: Record<string, unknown> = {
      title: pkg.title,
      content: articleHtml(pkg, (key) => media[key]),
      excerpt: pkg.excerpt,
      slug: pkg.slug,
      status: scheduled ? 'future' : 'publish',
      categories,
      tags,
      featured_media: featured ? (media[featured.key]?.id ?? 0) : 0,
    };
    // A post already live keeps its date; a first publish is dated now (else WordPress keeps a future date and schedules it).
    if (scheduled) post.date_gmt = gmt(scheduled);
    else if (req.remoteStatus !== 'publish') post.date_gmt = gmt(now);
    if (bridge) post.meta = seoMeta(null);

    let id = req.externalId ?? (await this.findByMarker(pkg));
    let saved: WpPost | undefined;
    if (id) {
      saved = await this.api.request<WpPost>('POST', `/wp/v2/posts/${id}`, { json: post }).catch((e: unknown) => {
        // Deleted in WordPress since: publishing again makes a new post.
        if (e instanceof DestinationError && (e.status === 404 || e.status === 410)) return undefined;
        throw e;
      });
    }
    if (!saved) {
      saved = await this.api.request<WpPost>('POST', '/wp/v2/posts', { json: post });
      id = String(saved.id);
      await req.onPost(id);
    }
    // The JSON-LD names the post's URL, known only now for a new post.
    if (bridge)
      saved = await this.api.request<WpPost>('POST', `/wp/v2/posts/${saved.id}`, {
        json: { meta: seoMeta(saved.link) },
      });
    return { externalId: String(saved.id), url: saved.link, remoteStatus: asRemote(saved.status), warnings };
  }

  async unpublish(externalId: string, _publicationId: string, to: 'draft' | 'trash') {
    try {
      if (to === 'trash') await this.api.request('DELETE', `/wp/v2/posts/${externalId}`);
      else await this.api.request('POST', `/wp/v2/posts/${externalId}`, { json: { status: 'draft' } });
      return { remoteStatus: to };
    } catch (e) {
      if (e instanceof DestinationError && (e.status === 404 || e.status === 410))
        return { remoteStatus: 'deleted' as const };
      throw e;
    }
  }

  async status(externalId: string): Promise<RemoteState> {
    try {
      const post = await this.api.request<WpPost>('GET', `/wp/v2/posts/${externalId}`, { query: { context: 'edit' } });
      return {
        remoteStatus: asRemote(post.status),
        url: post.link,
        date: post.date_gmt ? new Date(`${post.date_gmt}Z`) : null,
      };
    } catch (e) {
      if (e instanceof DestinationError && (e.status === 404 || e.status === 410))
        return { remoteStatus: 'deleted', url: null, date: null };
      throw e;
    }
  }

  /** The post a previous attempt created, found by the marker in its body (any status but trash). */
  private async findByMarker(pkg: PublishPackage): Promise<string | null> {
    const found = await this.api.request<WpPost[]>('GET', '/wp/v2/posts', {
      query: { search: pkg.marker, status: 'any', context: 'edit', per_page: 20 },
    });
    const mine = found.find((p) => p.content?.raw?.includes(`<!-- ${pkg.marker} -->`));
    return mine ? String(mine.id) : null;
  }

  /** Term ids for names, creating the missing terms (a name WordPress already has is reused). */
  private async termIds(taxonomy: 'categories' | 'tags', names: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of [...new Set(names.map((n) => n.trim()).filter(Boolean))]) {
      const found = await this.api.request<{ id: number; name: string }[]>('GET', `/wp/v2/${taxonomy}`, {
        query: { search: name, per_page: 100 },
      });
      const match = found.find((t) => decodeEntities(t.name).toLowerCase() === name.toLowerCase());
      if (match) {
        ids.push(match.id);
        continue;
      }
      try {
        ids.push((await this.api.request<{ id: number }>('POST', `/wp/v2/${taxonomy}`, { json: { name } })).id);
      } catch (e) {
        // Created meanwhile (or differing only in a way search missed): WordPress names the existing term.
        const existing = e instanceof DestinationError && e.status === 400 ? /term_exists/.test(e.message) : false;
        if (!existing) throw e;
        const again = await this.api.request<{ id: number; name: string }[]>('GET', `/wp/v2/${taxonomy}`, {
          query: { search: name, per_page: 100 },
        });
        const hit = again.find((t) => decodeEntities(t.name).toLowerCase() === name.toLowerCase());
        if (!hit) throw e;
        ids.push(hit.id);
      }
    }
    return ids;
  }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&#0?39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
