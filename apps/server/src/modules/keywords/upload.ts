import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FileStorage } from '../../storage/files';

/**
 * A CSV upload kept for its background import, in parts of the file storage (the same
 * place as generated images: `DATA_DIR/files`, shared by every API and worker process
 * that shares that directory, or the S3-compatible store later). Parts, so neither the
 * request nor the task ever holds the whole file; keys carry the account, so a task
 * reads only its own account's uploads.
 */
const PART_BYTES = 1024 * 1024;
/** What the parser gets at a time; the event loop gets a turn between slices. */
const SLICE_BYTES = 8 * 1024;

const partKey = (accountId: string, uploadId: string, part: number) =>
  `keyword-imports/${accountId}/${uploadId}/${part}`;

export interface StoredUpload {
  uploadId: string;
  parts: number;
}

/** Writes an upload part by part as it streams in (each part awaited: backpressure on the request). */
export class UploadWriter {
  readonly uploadId = randomUUID();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private parts = 0;

  constructor(
    private readonly storage: FileStorage,
    private readonly accountId: string,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= PART_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.storage.put(partKey(this.accountId, this.uploadId, this.parts), data, 'text/csv');
    this.parts++;
  }

  async finish(): Promise<StoredUpload> {
    await this.flush();
    return { uploadId: this.uploadId, parts: this.parts };
  }

  /** Drops what was written (the import was refused or has finished). */
  async remove(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await removeUpload(this.storage, this.accountId, { uploadId: this.uploadId, parts: this.parts });
  }
}

/** The stored upload's bytes, in slices, one part in memory at a time. */
export async function* readUpload(
  storage: FileStorage,
  accountId: string,
  upload: StoredUpload,
): AsyncGenerator<Buffer> {
  for (let part = 0; part < upload.parts; part++) {
    const data = await storage.get(partKey(accountId, upload.uploadId, part));
    if (!data) throw new Error(`keyword import upload ${upload.uploadId}: part ${part} is missing`);
    yield* slices(data);
  }
}

/** Cuts a chunk into parser-sized slices with an event-loop turn after each, so one big chunk never parses in one go. */
export async function* slices(data: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += SLICE_BYTES) {
    yield data.subarray(at, at + SLICE_BYTES);
    await nextTurn();
  }
}

export async function removeUpload(storage: FileStorage, accountId: string, upload: StoredUpload): Promise<void> {
  for (let part = 0; part < upload.parts; part++) await storage.delete(partKey(accountId, upload.uploadId, part));
}
