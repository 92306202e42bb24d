import type { DestinationTest } from '@igny8/contracts';
import type { OutboundBlockedError } from '../../../net/outbound';
import type { PublishPackage } from '../package';

/** What one publish or schedule asks of a destination. */
export interface PushRequest {
  pkg: PublishPackage;
  /** the post this article already became there, if any (publishing again updates it) */
  externalId: string | null;
  /** the post's status there as last seen (a published post keeps its date when updated) */
  remoteStatus: string | null;
  /** image key → media item already uploaded for this publication */
  media: Record<string, { id: number; url: string }>;
  /** publish now, or schedule for `at` (WordPress `future`) */
  mode: { kind: 'publish' } | { kind: 'future'; at: Date };
  /** called as soon as a step is done, so a crash or timeout later never repeats it */
  onMedia(key: string, media: { id: number; url: string }): Promise<void>;
  onPost(externalId: string): Promise<void>;
}

export interface PushResult {
  externalId: string | null;
  url: string | null;
  remoteStatus: 'publish' | 'future' | 'draft' | 'pending' | 'private' | 'trash' | null;
  /** what could not be done without failing the publish (SEO meta without the bridge plugin…) */
  warnings: string[];
}

export interface RemoteState {
  remoteStatus: 'publish' | 'future' | 'draft' | 'pending' | 'private' | 'trash' | 'deleted';
  url: string | null;
  /** for a scheduled post, its date */
  date: Date | null;
}

/** A destination as the publisher drives it: WordPress, or a signed webhook. */
export interface PublishTarget {
  test(): Promise<Omit<DestinationTest, 'testedAt'>>;
  push(req: PushRequest): Promise<PushResult>;
  unpublish(
    externalId: string,
    publicationId: string,
    to: 'draft' | 'trash',
  ): Promise<{ remoteStatus: 'draft' | 'trash' | 'deleted' }>;
  /** the post's state there now; null when the destination cannot tell (a webhook) */
  status(externalId: string): Promise<RemoteState | null>;
}

/**
 * A destination refused or failed. `retryable`: a timeout, a dropped connection or a 5xx, after which
 * the post may or may not exist (the retry looks for it by its marker before creating one).
 */
export class DestinationError extends Error {
  constructor(
    readonly code: 'destination_failed' | 'outbound_blocked',
    message: string,
    readonly retryable = false,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DestinationError';
  }

  static blocked(e: OutboundBlockedError): DestinationError {
    return new DestinationError('outbound_blocked', e.message);
  }
}
