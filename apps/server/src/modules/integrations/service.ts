import type {
  Capability,
  EffectiveIntegration,
  IntegrationsView,
  ProviderSource,
  SaveIntegrationBody,
  TestConnectionResult,
} from '@igny8/contracts';
import { capabilities, effectiveProviderLimits, isPlatformSource } from '@igny8/contracts';
import { adviceFor } from '../../ai/advice';
import { classifyProviderError } from '../../ai/providers/errors';
import { embeddingProviderFor, imageProviderFor, textProviderFor } from '../../ai/providers/factory';
import type { ResolvedSettings } from '../../ai/providers/types';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError, conflict } from '../../http/errors';
import { OutboundBlockedError, OutboundPolicy } from '../../net/outbound';
import { record, type AuditScope } from '../audit/service';
import { serpProviderName } from '../keywords/serp-provider';
import { getPlatformSettings, type PlatformDefaults } from '../platform/repo';
import * as repo from './repo';
import { maskKey, SecretBox } from './secrets';

export const builtinModels: Record<Capability, string> = {
  text: 'igny8-offline-templates',
  image: 'igny8-title-card',
  // Offline there are no embeddings: clustering reads the keywords' words only.
  embeddings: 'igny8-words-only',
};

export interface IntegrationDeps {
  db: Db;
  config: Config;
  platformDefaults: PlatformDefaults;
  /** The outbound-request policy; by default built from the config (OUTBOUND_*). */
  outbound?: OutboundPolicy;
}

/** Where a key would be sent: OpenAI's API unless a base URL says otherwise. */
function keyDestination(provider: string, baseUrl: string | null | undefined): string {
  return `${provider} ${new URL(baseUrl ?? 'https://api.openai.com/v1').origin}`;
}

/**
 * Provider settings and their resolution: account → system account → environment →
 * built-in offline provider. An account without settings never gets "not found":
 * it always resolves to something that works.
 */
export class Integrations {
  private readonly box: SecretBox;
  readonly outbound: OutboundPolicy;
  /** Whether the account's plan includes own AI keys (billing sets it; without it, plans do not restrict). */
  private planAllowsOwnKeys: (accountId: string) => Promise<boolean> = async () => true;

  constructor(private readonly deps: IntegrationDeps) {
    this.box = new SecretBox(deps.config.APP_SECRET);
    this.outbound =
      deps.outbound ??
      new OutboundPolicy({
        allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS,
        timeoutMs: deps.config.OUTBOUND_TIMEOUT_SECONDS * 1000,
      });
  }

  /** Plans decide, next to the platform switch, whether an account's own keys are used. */
  setOwnKeysRule(rule: (accountId: string) => Promise<boolean>): void {
    this.planAllowsOwnKeys = rule;
  }

  /** Only the platform's own settings (system account, environment) are trusted to reach private addresses. */
  private binding(trusted: boolean): ResolvedSettings['outbound'] {
    return { policy: this.outbound, trusted, imageMaxBytes: this.deps.config.IMAGE_DOWNLOAD_MAX_BYTES };
  }

  /**
   * The checks both saving and testing a draft make. A stored key is only ever sent where it
   * was entered for: a new provider or base URL origin needs the key again. An account's base
   * URL must pass the outbound policy now (the connect-time check still guards every call).
   */
  private async assertDraft(
    accountId: string,
    body: SaveIntegrationBody,
    stored: repo.IntegrationRow | undefined,
  ): Promise<void> {
    if (body.provider === 'builtin') return;
    if (
      body.apiKey === undefined &&
      stored?.apiKeyEncrypted &&
      keyDestination(stored.provider, stored.baseUrl) !== keyDestination(body.provider, body.baseUrl)
    ) {
      throw new AppError(
        400,
        'api_key_required',
        'The provider or the host of the base URL changed: enter the API key again',
        [{ path: 'body.apiKey', message: 'required when the provider or host changes' }],
      );
    }
    if (!body.baseUrl || accountId === (await repo.systemAccountId(this.deps.db))) return;
    try {
      await this.outbound.assertAllowed(body.baseUrl);
    } catch (e) {
      if (!(e instanceof OutboundBlockedError)) throw e;
      throw new AppError(400, 'outbound_blocked', e.message, [{ path: 'body.baseUrl', message: e.message }]);
    }
  }

  async resolve(accountId: string, capability: Capability): Promise<ResolvedSettings> {
    return this.pick(await this.candidates(accountId), accountId, capability, true);
  }

  /**
   * The settings in effect for each capability. `revealPlatform`: whether the caller is a platform operator; anyone
   * else sees that the platform's settings apply, not their base URL and model (internal to the platform).
   */
  async view(
    accountId: string,
    canEdit: boolean,
    editBlockedReason: string | null,
    revealPlatform: boolean,
  ): Promise<IntegrationsView> {
    const found = await this.candidates(accountId);
    const items: EffectiveIntegration[] = capabilities.map((capability) => {
      const r = this.pick(found, accountId, capability, false);
      const ownRow = found.ownRows.find((x) => x.capability === capability);
      const own = r.source === 'account' || (r.source === 'system' && ownRow !== undefined);
      const hidden = !own && !revealPlatform && isPlatformSource(r.source);
      return {
        capability,
        provider: r.provider,
        baseUrl: hidden ? null : r.baseUrl,
        model: hidden ? null : r.model,
        options: r.options,
        limits: effectiveProviderLimits(capability, r.options),
        source: r.source,
        apiKeyMask: own && canEdit ? (ownRow?.apiKeyMask ?? null) : null,
        hasOwnSettings: ownRow !== undefined,
      };
    });
    return { items, canEdit, editBlockedReason, serpProvider: serpProviderName(this.deps.config) };
  }

  /** Everything resolution looks at, read once: the account's rows, the system account's, and the platform switch. */
  private async candidates(accountId: string) {
    const { db } = this.deps;
    const systemId = await repo.systemAccountId(db);
    const ownAllowed =
      accountId === systemId ||
      ((await getPlatformSettings(db, this.deps.platformDefaults)).allowAccountKeys &&
        (await this.planAllowsOwnKeys(accountId)));
    const ownRows = await repo.settingsOf(db, accountId);
    const systemRows = systemId && systemId !== accountId ? await repo.settingsOf(db, systemId) : [];
    return { systemId, ownAllowed, ownRows, systemRows };
  }

  /** `withKey`: decrypt the chosen key (for calls); views show only the stored mask and never need it. */
  private pick(
    c: Awaited<ReturnType<Integrations['candidates']>>,
    accountId: string,
    capability: Capability,
    withKey: boolean,
  ): ResolvedSettings {
    const own = c.ownAllowed ? c.ownRows.find((r) => r.capability === capability) : undefined;
    if (own) return this.fromRow(own, accountId === c.systemId ? 'system' : 'account', withKey);
    const system = c.systemRows.find((r) => r.capability === capability);
    if (system) return this.fromRow(system, 'system', withKey);
    return this.fromEnvironment(capability);
  }

  /** Why this account may not hold its own settings, or null when it may. */
  async ownKeysBlocked(accountId: string): Promise<string | null> {
    if (accountId === (await repo.systemAccountId(this.deps.db))) return null;
    const platform = await getPlatformSettings(this.deps.db, this.deps.platformDefaults);
    if (!platform.allowAccountKeys) return 'The platform provides AI keys for all accounts; own keys are switched off';
    return (await this.planAllowsOwnKeys(accountId))
      ? null
      : "The account's plan does not include AI keys of its own: the platform's keys serve it";
  }

  /** `audit`: where the change is recorded (the account's log, or the platform's for the system account). */
  async save(
    accountId: string,
    userId: string,
    capability: Capability,
    body: SaveIntegrationBody,
    audit: AuditScope,
  ): Promise<void> {
    const existing = (await repo.settingsOf(this.deps.db, accountId)).find((r) => r.capability === capability);
    await this.assertDraft(accountId, body, existing);
    let apiKeyEncrypted = existing?.apiKeyEncrypted ?? null;
    let apiKeyMask = existing?.apiKeyMask ?? null;
    if (body.apiKey === null || body.provider === 'builtin') {
      apiKeyEncrypted = null;
      apiKeyMask = null;
    } else if (body.apiKey !== undefined) {
      apiKeyEncrypted = this.box.seal(body.apiKey);
      apiKeyMask = maskKey(body.apiKey);
    }
    if (body.provider === 'openai' && !apiKeyEncrypted) {
      throw new AppError(400, 'validation_failed', 'OpenAI needs an API key', [
        { path: 'body.apiKey', message: 'required for OpenAI' },
      ]);
    }
    const row = {
      accountId,
      capability,
      provider: body.provider,
      baseUrl: body.provider === 'builtin' ? null : (body.baseUrl ?? null),
      model: body.provider === 'builtin' ? null : (body.model ?? null),
      options: body.options ?? {},
      apiKeyEncrypted,
      apiKeyMask,
      updatedBy: userId,
    };
    await this.deps.db.transaction(async (tx) => {
      await repo.upsertSettings(tx, row);
      // Never the key: only whether it changed, and its mask.
      const keyChange = body.apiKey === undefined ? 'kept' : apiKeyMask ? 'replaced' : 'removed';
      await record(tx, audit, {
        action: 'integration.saved',
        target: { type: 'integration', id: capability, label: capability },
        details: { provider: row.provider, baseUrl: row.baseUrl, model: row.model, apiKey: keyChange, apiKeyMask },
      });
    });
  }

  async remove(accountId: string, capability: Capability, audit: AuditScope): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      if (await repo.deleteSettings(tx, accountId, capability)) {
        await record(tx, audit, {
          action: 'integration.removed',
          target: { type: 'integration', id: capability, label: capability },
        });
      }
    });
  }

  /** A real, minimal call with the given (unsaved) or effective settings; the provider's own message on failure. */
  async test(accountId: string, capability: Capability, draft?: SaveIntegrationBody): Promise<TestConnectionResult> {
    let settings = await this.resolve(accountId, capability);
    if (draft) {
      const stored = (await repo.settingsOf(this.deps.db, accountId)).find((r) => r.capability === capability);
      await this.assertDraft(accountId, draft, stored);
      const storedKey = stored?.apiKeyEncrypted ? this.open(stored.apiKeyEncrypted) : null;
      settings = {
        capability,
        provider: draft.provider,
        baseUrl: draft.baseUrl ?? null,
        model: draft.model ?? this.defaultModel(capability, draft.provider),
        options: draft.options ?? {},
        apiKey: draft.apiKey === undefined ? storedKey : draft.apiKey,
        source: settings.source,
        outbound: this.binding(accountId === (await repo.systemAccountId(this.deps.db))),
      };
    }
    const started = Date.now();
    const provider =
      capability === 'text'
        ? textProviderFor(settings)
        : capability === 'image'
          ? imageProviderFor(settings)
          : embeddingProviderFor(settings);
    try {
      await provider.ping();
      return {
        ok: true,
        provider: settings.provider,
        model: settings.model,
        source: settings.source,
        latencyMs: Date.now() - started,
        message: 'Connected',
      };
    } catch (e) {
      const error = classifyProviderError(e);
      const hint = error.kind === 'invalid_output' ? adviceFor(error, settings) : undefined;
      return {
        ok: false,
        provider: settings.provider,
        model: settings.model,
        source: settings.source,
        latencyMs: Date.now() - started,
        message: hint ? `${error.message}. ${hint}` : error.message,
      };
    }
  }

  private defaultModel(capability: Capability, provider: string): string {
    if (provider === 'builtin') return builtinModels[capability];
    const { TEXT_MODEL, IMAGE_MODEL, EMBEDDING_MODEL } = this.deps.config;
    return { text: TEXT_MODEL, image: IMAGE_MODEL, embeddings: EMBEDDING_MODEL }[capability];
  }

  private open(sealed: string): string {
    try {
      return this.box.open(sealed);
    } catch {
      throw conflict('conflict', 'The stored API key cannot be read (was APP_SECRET changed?). Save the key again.');
    }
  }

  private fromRow(row: repo.IntegrationRow, source: ProviderSource, withKey: boolean): ResolvedSettings {
    return {
      capability: row.capability,
      provider: row.provider,
      baseUrl: row.baseUrl,
      model: row.model ?? this.defaultModel(row.capability, row.provider),
      options: row.options,
      apiKey: withKey && row.apiKeyEncrypted ? this.open(row.apiKeyEncrypted) : null,
      source,
      outbound: this.binding(source !== 'account'),
    };
  }

  private fromEnvironment(capability: Capability): ResolvedSettings {
    const { OPENAI_API_KEY, OPENAI_BASE_URL } = this.deps.config;
    if (OPENAI_API_KEY || OPENAI_BASE_URL) {
      return {
        capability,
        provider: OPENAI_BASE_URL ? 'openai_compatible' : 'openai',
        baseUrl: OPENAI_BASE_URL ?? null,
        model: this.defaultModel(capability, 'openai'),
        options: {},
        apiKey: OPENAI_API_KEY ?? null,
        source: 'environment',
        outbound: this.binding(true),
      };
    }
    return {
      capability,
      provider: 'builtin',
      baseUrl: null,
      model: builtinModels[capability],
      options: {},
      apiKey: null,
      source: 'builtin',
      outbound: this.binding(true),
    };
  }
}
