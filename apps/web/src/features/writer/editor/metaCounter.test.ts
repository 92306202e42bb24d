import { describe, expect, it } from 'vitest';
import { META_TITLE_LIMIT, metaCounter } from './metaCounter';

describe('meta counters', () => {
  it('shows length against the limit', () => {
    expect(metaCounter('Best running shoes', META_TITLE_LIMIT)).toMatchObject({
      length: 18,
      label: '18/60',
      tone: 'ok',
      over: false,
    });
  });

  it('counts what the server stores: trimmed', () => {
    expect(metaCounter('  abc  ', 60).length).toBe(3);
  });

  it('counts like the server limit (UTF-16 units), so an emoji takes two', () => {
    expect(metaCounter('🏃 run', 60).length).toBe(6);
  });

  it('is fine at exactly the limit and turns red one past it', () => {
    expect(metaCounter('x'.repeat(60), 60)).toMatchObject({ tone: 'near', over: false });
    expect(metaCounter('x'.repeat(61), 60)).toMatchObject({ tone: 'over', over: true, label: '61/60' });
  });

  it('warns when close to the limit', () => {
    expect(metaCounter('x'.repeat(53), 60).tone).toBe('ok');
    expect(metaCounter('x'.repeat(54), 60).tone).toBe('near');
    expect(metaCounter('x'.repeat(144), 160).tone).toBe('near');
  });
});
