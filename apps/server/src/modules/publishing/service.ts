import {
  allowedTransitions,
  canPublish,
  type ContentSummary,
  type CreateDestinationBody,
  type Destination,
  type DestinationTest,
  type PublishingSettings,
  type UpdateDestinationBody,
  type WordpressOptions,
} from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError, conflict } from '../../http/errors';
import { OutboundBlockedError, type OutboundPolicy } from '../../net/outbound';
import { maskKey, SecretBox } from '../integrations/secrets';
import * as writerRepo from '../writer/repo';
import { DestinationError, type PublishTarget } from './destinations/types';
import { WebhookTarget } from './destinations/webhook';
import { WordPressTarget } from './destinations/wordpress';
import * as repo from './repo';

export interface DestinationDeps {
  db: Db;
  config: Config;
  outbound: OutboundPolicy;
}

/**
 * Destinations (with their encrypted secrets), the site's publishing settings, and the editorial
 * workflow. Publishing itself (publish, schedule, unpublish, sync) is in publisher.ts.
 */
export class PublishingSetup {
  private readonly box: SecretBox;

  constructor(private readonly deps: DestinationDeps) {
    this.box = new SecretBox(deps.config.APP_SECRET);
  }

  async listDestinations(t: TenantContext, siteId: string): Promise<Destination[]> {
    return (await repo.listDestinations(this.deps.db, t, siteId)).map(repo.toDestination);
  }

  async createDestination(
    t: TenantContext,
    siteId: string,
    body: CreateDestinationBody & { options?: WordpressOptions },
  ): Promise<Destination> {
    await this.assertReachable(body.url);
    const secret = body.kind === 'wordpress' ? body.appPassword : body.secret;
    const row = await repo.insertDestination(this.deps.db, t, siteId, {
      kind: body.kind,
      name: body.name,
      url: body.url,
      username: body.kind === 'wordpress' ? body.username : null,
      secretEncrypted: this.box.seal(secret),
      secretMask: maskKey(secret),
      options:
        body.kind === 'wordpress' ? (body.options ?? { categories: [], tags: [] }) : { categories: [], tags: [] },
    });
    return repo.toDestination(row);
  }

  async updateDestination(
    t: TenantContext,
    siteId: string,
    id: string,
    body: UpdateDestinationBody & { options?: WordpressOptions },
  ): Promise<Destination> {
    const current = await repo.requireDestination(this.deps.db, t, siteId, id);
    if (body.url !== undefined) {
      await this.assertReachable(body.url);
      // A stored secret only ever goes where it was entered for.
      if (new URL(body.url).origin !== new URL(current.url).origin && body.secret === undefined) {
        throw new AppError(
          400,
          'api_key_required',
          'The URL points to another site: enter the application password or secret again',
          [{ path: 'body.secret', message: 'required when the URL’s origin changes' }],
        );
      }
    }
    if (
      body.username !== undefined &&
      body.username !== current.username &&
      body.secret === undefined &&
      current.kind === 'wordpress'
    ) {
      throw new AppError(400, 'api_key_required', 'Another WordPress user needs their own application password', [
        { path: 'body.secret', message: 'required when the username changes' },
      ]);
    }
    const row = await repo.updateDestination(this.deps.db, t, siteId, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.username !== undefined && current.kind === 'wordpress' ? { username: body.username } : {}),
      ...(body.secret !== undefined
        ? { secretEncrypted: this.box.seal(body.secret), secretMask: maskKey(body.secret), lastTest: null }
        : {}),
      ...(body.options !== undefined && current.kind === 'wordpress' ? { options: body.options } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    });
    return repo.toDestination(row);
  }

  async deleteDestination(t: TenantContext, siteId: string, id: string): Promise<void> {
    await repo.requireDestination(this.deps.db, t, siteId, id);
    await repo.deleteDestination(this.deps.db, t, siteId, id);
  }

  /** A real call: WordPress's user behind the application password and what they may do, or the webhook's answer. */
  async testDestination(t: TenantContext, siteId: string, id: string): Promise<DestinationTest> {
    const row = await repo.requireDestination(this.deps.db, t, siteId, id);
    let result: DestinationTest;
    try {
      result = { ...(await this.target(row).test()), testedAt: new Date().toISOString() };
    } catch (e) {
      if (!(e instanceof DestinationError)) throw e;
      result = {
        ok: false,
        message: e.message,
        user: null,
        canPublish: false,
        canUploadFiles: false,
        bridge: null,
        restRoot: null,
        testedAt: new Date().toISOString(),
      };
    }
    await repo.updateDestination(this.deps.db, t, siteId, id, { lastTest: result });
    return result;
  }

  /** The driver for a destination, with its secret decrypted for the call. */
  target(row: repo.DestinationRow): PublishTarget {
    let secret: string;
    try {
      secret = this.box.open(row.secretEncrypted);
    } catch {
      throw new DestinationError(
        'destination_failed',
        'The stored password or secret cannot be read (was APP_SECRET changed?): enter it again',
      );
    }
    return row.kind === 'wordpress'
      ? new WordPressTarget(
          { url: row.url, username: row.username ?? '', appPassword: secret },
          row.options,
          this.deps.outbound,
        )
      : new WebhookTarget(row.url, secret, this.deps.outbound);
  }

  /** Accounts may not publish to internal addresses (unless an operator allowed the host). */
  private async assertReachable(url: string): Promise<void> {
    try {
      await this.deps.outbound.assertAllowed(url);
    } catch (e) {
      if (!(e instanceof OutboundBlockedError)) throw e;
      throw new AppError(400, 'outbound_blocked', e.message, [{ path: 'body.url', message: e.message }]);
    }
  }

  async settings(t: TenantContext, siteId: string): Promise<PublishingSettings> {
    return repo.getSettings(this.deps.db, t, siteId);
  }

  async saveSettings(t: TenantContext, siteId: string, s: PublishingSettings): Promise<PublishingSettings> {
    const clean = { ...s, slotDays: [...new Set(s.slotDays)].sort(), slotTimes: [...new Set(s.slotTimes)].sort() };
    await repo.saveSettings(this.deps.db, t, siteId, clean);
    return clean;
  }

  /**
   * Moves an article along the workflow, if this member may: 409 `transition_not_allowed` with the
   * states they may move it to otherwise. `published` is reached only by publishing.
   */
  async transition(t: TenantContext, siteId: string, contentId: string, to: ContentSummary['status']): Promise<void> {
    const content = await writerRepo.requireContent(this.deps.db, t, siteId, contentId);
    await this.assertTransition(t, siteId, content.status, to);
    if (content.status !== to) await repo.setContentStatus(this.deps.db, t, siteId, [contentId], to);
  }

  async assertTransition(
    t: TenantContext,
    siteId: string,
    from: ContentSummary['status'],
    to: ContentSummary['status'],
  ): Promise<void> {
    if (from === to) return;
    const allowed = allowedTransitions(from, t.role, await this.settings(t, siteId));
    if (!allowed.includes(to)) {
      const why =
        to === 'published'
          ? 'an article is published by publishing it to a destination'
          : `your role (${t.role}) may not move it from ${from} to ${to}`;
      throw new AppError(409, 'transition_not_allowed', `Not allowed: ${why}`, { from, to, allowed });
    }
  }

  async assertCanPublish(t: TenantContext, siteId: string): Promise<void> {
    if (!canPublish(t.role, await this.settings(t, siteId))) {
      throw new AppError(
        403,
        'publish_not_allowed',
        'Publishing needs an admin, or an editor on a site that lets editors publish without review',
      );
    }
  }

  /** The enabled destinations among `ids` (all enabled ones when absent); 404 for an unknown id, 409 when none is enabled. */
  async destinationsFor(t: TenantContext, siteId: string, ids?: string[]): Promise<repo.DestinationRow[]> {
    const all = await repo.listDestinations(this.deps.db, t, siteId);
    if (ids) {
      const unknown = ids.filter((id) => !all.some((d) => d.id === id));
      if (unknown.length) throw new AppError(404, 'not_found', 'Destination not found', { ids: unknown });
    }
    const chosen = all.filter((d) => d.enabled && (!ids || ids.includes(d.id)));
    if (chosen.length === 0)
      throw conflict(
        'no_destination',
        'This site has no enabled destination to publish to: add WordPress or a webhook under Publishing settings',
      );
    return chosen;
  }
}
