import { createHmac, randomUUID } from 'node:crypto';
import { OutboundBlockedError, type OutboundPolicy } from '../../../net/outbound';
import { articleJsonLd, type PublishPackage } from '../package';
import { DestinationError, type PublishTarget, type PushRequest, type PushResult } from './types';

/**
 * A signed JSON POST of the whole package, for any other CMS. The receiver checks
 * `X-Igny8-Signature: sha256=<hex>`, the HMAC-SHA256 of `<X-Igny8-Timestamp>.<raw body>` with the
 * shared secret, and keys its post by `publication.id` (the same on every delivery for the article
 * and destination, so a retried delivery updates instead of duplicating). A 2xx answer may carry
 * `{ "id": "…", "url": "…" }`, stored as the post's external id and URL.
 */

export const SIGNATURE_HEADER = 'x-igny8-signature';
export const TIMESTAMP_HEADER = 'x-igny8-timestamp';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

type Event = 'ping' | 'publish' | 'unpublish';

export class WebhookTarget implements PublishTarget {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly outbound: OutboundPolicy,
  ) {}

  async test() {
    await this.deliver('ping', { message: 'igny8 connection test' });
    return {
      ok: true,
      message: 'The webhook answered the signed test delivery',
      user: null,
      canPublish: true,
      canUploadFiles: true,
      bridge: null,
      restRoot: null,
    };
  }

  async push(req: PushRequest): Promise<PushResult> {
    if (req.mode.kind === 'future') {
      // A webhook has no scheduled state: the dispatcher delivers it when its time comes.
      return { externalId: req.externalId, url: null, remoteStatus: null, warnings: [] };
    }
    const answer = await this.deliver('publish', packageJson(req.pkg, req.externalId));
    return {
      externalId: answer.id ?? req.externalId ?? req.pkg.publicationId,
      url: answer.url ?? null,
      remoteStatus: 'publish',
      warnings: [],
    };
  }

  async unpublish(externalId: string, publicationId: string, to: 'draft' | 'trash') {
    await this.deliver('unpublish', { publication: { id: publicationId, externalId }, to });
    return { remoteStatus: to };
  }

  async status() {
    return null;
  }

  private async deliver(event: Event, data: Record<string, unknown>): Promise<{ id?: string; url?: string }> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ event, deliveryId: randomUUID(), sentAt: new Date().toISOString(), ...data });
    let res: Response;
    try {
      res = await this.outbound.fetch(
        this.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-igny8-event': event,
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signWebhook(this.secret, timestamp, body),
          },
          body,
        },
        { trusted: false },
      );
    } catch (e) {
      if (e instanceof OutboundBlockedError) throw DestinationError.blocked(e);
      const name = (e as Error).name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new DestinationError(
        'destination_failed',
        timedOut
          ? `The webhook at ${new URL(this.url).host} did not answer in time`
          : `Could not reach the webhook at ${new URL(this.url).host}`,
        true,
      );
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      // Only a JSON error's own message is quoted, never an arbitrary body.
      let message = '';
      try {
        const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
        const m =
          typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : '';
        message = m.slice(0, 300);
      } catch {
        // not JSON
      }
      throw new DestinationError(
        'destination_failed',
        `The webhook answered HTTP ${res.status}${message ? `: ${message}` : ''}`,
        res.status >= 500 || res.status === 429,
        res.status,
      );
    }
    try {
      const parsed = JSON.parse(text) as { id?: unknown; url?: unknown };
      return {
        ...(typeof parsed.id === 'string' || typeof parsed.id === 'number'
          ? { id: String(parsed.id).slice(0, 200) }
          : {}),
        ...(typeof parsed.url === 'string' && /^https?:\/\//.test(parsed.url)
          ? { url: parsed.url.slice(0, 1000) }
          : {}),
      };
    } catch {
      return {};
    }
  }
}

/** The package as JSON: the article, its images as base64 with where they go, terms, SEO meta and JSON-LD. */
function packageJson(pkg: PublishPackage, externalId: string | null): Record<string, unknown> {
  const now = new Date();
  return {
    publication: { id: pkg.publicationId, externalId },
    site: pkg.site,
    content: {
      id: pkg.contentId,
      title: pkg.title,
      slug: pkg.slug,
      excerpt: pkg.excerpt,
      bodyHtml: pkg.bodyHtml,
      language: pkg.language,
      categories: pkg.categories,
      tags: pkg.tags,
      seo: pkg.seo,
      createdAt: pkg.createdAt.toISOString(),
      updatedAt: pkg.updatedAt.toISOString(),
    },
    images: pkg.images.map((i) => ({
      key: i.key,
      kind: i.kind,
      placement: i.placement,
      position: i.position,
      alt: i.alt,
      caption: i.caption,
      mimeType: i.mimeType,
      filename: i.filename,
      ...(i.src ? { src: i.src } : {}),
      dataBase64: i.data.toString('base64'),
    })),
    jsonLd: articleJsonLd(pkg, { url: null, imageUrl: null, authorName: null, datePublished: now, dateModified: now }),
  };
}
