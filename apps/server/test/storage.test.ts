import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileStorage, type FileStorage } from '../src/storage/files';

describe('local file storage', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('stores, reads and deletes files under its root, and refuses keys that escape it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'igny8-files-'));
    dirs.push(root);
    const store: FileStorage = new LocalFileStorage(root);
    await store.put('acc/site/img.png', Buffer.from('png'), 'image/png');
    expect((await store.get('acc/site/img.png'))?.toString()).toBe('png');
    await store.delete('acc/site/img.png');
    expect(await store.get('acc/site/img.png')).toBeUndefined();
    await expect(store.put('../outside.png', Buffer.from('x'), 'image/png')).rejects.toThrow(/invalid file key/);
    await expect(store.get('acc/../../etc/passwd')).rejects.toThrow(/invalid file key/);
  });
});
