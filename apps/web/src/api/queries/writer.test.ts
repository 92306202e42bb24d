import { describe, expect, it } from 'vitest';
import { GENERATING_POLL_MS, writerTasksPollInterval } from './writer';

describe('writer task list polling', () => {
  it('does not poll for tasks that merely wait in the writer queue', () => {
    expect(writerTasksPollInterval([{ status: 'queued' }, { status: 'done' }], false)).toBe(false);
    expect(writerTasksPollInterval(undefined, false)).toBe(false);
  });

  it('polls while a task is being written or a content task of the site runs', () => {
    expect(writerTasksPollInterval([{ status: 'generating' }], false)).toBe(GENERATING_POLL_MS);
    expect(writerTasksPollInterval([{ status: 'queued' }], true)).toBe(GENERATING_POLL_MS);
  });
});
