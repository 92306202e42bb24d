import type { Capability, IntegrationOptions, ProviderKind, ProviderSource } from '@igny8/contracts';
import type { z } from 'zod';
import type { OutboundPolicy } from '../../net/outbound';

/** How one setting's requests leave the server: through the outbound policy, trusted only when the platform's own. */
export interface OutboundBinding {
  policy: OutboundPolicy;
  trusted: boolean;
  /** IMAGE_DOWNLOAD_MAX_BYTES */
  imageMaxBytes: number;
}

/** Settings chosen for one capability of one account, secrets included (server-side only). */
export interface ResolvedSettings {
  capability: Capability;
  provider: ProviderKind;
  baseUrl: string | null;
  model: string;
  options: IntegrationOptions;
  apiKey: string | null;
  source: ProviderSource;
  outbound: OutboundBinding;
}

export interface CallUsage {
  provider: ProviderKind;
  model: string;
  inputTokens: number;
  outputTokens: number;
  images: number;
  latencyMs: number;
}

export interface TextRequest<T> {
  system: string;
  prompt: string;
  schema: z.ZodType<T>;
  /** short identifier of the output, e.g. "cluster_ideas" */
  schemaName: string;
}

export interface TextProvider {
  readonly kind: ProviderKind;
  readonly model: string;
  /** One structured answer, validated by the schema; usage of every call made (incl. a repair) is reported. */
  generate<T>(req: TextRequest<T>, onUsage: (u: CallUsage) => void): Promise<T>;
  /** The cheapest real call that proves the settings work. */
  ping(): Promise<void>;
}

export interface ImageRequest {
  prompt: string;
  size?: string;
  quality?: IntegrationOptions['quality'];
}

export interface GeneratedImage {
  data: Buffer;
  mimeType: string;
  revisedPrompt?: string;
}

export interface EmbeddingProvider {
  readonly kind: ProviderKind;
  readonly model: string;
  /** One vector per text, in order (one request: the caller batches). */
  embed(texts: readonly string[], onUsage: (u: CallUsage) => void): Promise<Float32Array[]>;
  ping(): Promise<void>;
}

export interface ImageProvider {
  readonly kind: ProviderKind;
  readonly model: string;
  generate(req: ImageRequest, onUsage: (u: CallUsage) => void): Promise<GeneratedImage>;
  ping(): Promise<void>;
}
