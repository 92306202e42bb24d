import type { OutboundPolicy, OutboundTrust } from './outbound';

/** Why a download was refused after connecting; the policy's own refusals are OutboundBlockedError. */
export class DownloadRefusedError extends Error {
  constructor(
    readonly reason: 'status' | 'content_type' | 'too_large',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DownloadRefusedError';
  }
}

export interface DownloadLimits {
  /** media types accepted, lower case, e.g. image/png */
  contentTypes: readonly string[];
  maxBytes: number;
}

export interface Downloaded {
  data: Buffer;
  /** the media type the server declared (one of `contentTypes`) */
  mimeType: string;
}

/**
 * GET a file through the outbound policy: only the listed media types, streamed and aborted
 * once it passes `maxBytes`, so a huge or endless body never fills memory. The time limit is
 * the policy's (untrusted) or the caller's signal.
 */
export async function download(
  policy: OutboundPolicy,
  url: string,
  limits: DownloadLimits,
  trust: OutboundTrust,
  signal: AbortSignal = AbortSignal.timeout(policy.timeoutMs),
): Promise<Downloaded> {
  const res = await policy.fetch(url, { headers: { accept: limits.contentTypes.join(', ') }, signal }, trust);
  const host = new URL(url).host;
  if (!res.ok) {
    await res.body?.cancel();
    throw new DownloadRefusedError('status', `The download from ${host} failed with HTTP ${res.status}`, res.status);
  }
  const mimeType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!limits.contentTypes.includes(mimeType)) {
    await res.body?.cancel();
    throw new DownloadRefusedError(
      'content_type',
      `The download from ${host} is ${mimeType || 'untyped'}, not one of ${limits.contentTypes.join(', ')}`,
    );
  }
  const tooLarge = () =>
    new DownloadRefusedError('too_large', `The download from ${host} is larger than ${limits.maxBytes} bytes`);
  if (Number(res.headers.get('content-length')) > limits.maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limits.maxBytes) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(next.value));
  }
  return { data: Buffer.concat(chunks), mimeType };
}
