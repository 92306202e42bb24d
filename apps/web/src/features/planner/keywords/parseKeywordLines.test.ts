import { describe, expect, it } from 'vitest';
import { parseKeywordLines } from './parseKeywordLines';

describe('parseKeywordLines', () => {
  it('reads one keyword per line and skips blank lines', () => {
    expect(parseKeywordLines('best espresso machine\n\n  pour over kettle  \r\n')).toEqual({
      keywords: [{ phrase: 'best espresso machine' }, { phrase: 'pour over kettle' }],
      duplicates: 0,
      errors: [],
    });
  });

  it('takes a trailing number after a comma, semicolon or tab as the volume', () => {
    const r = parseKeywordLines('coffee grinder, 1200\nburr grinder;1 500\nhand grinder\t2,400\nmilk frother, 1.000');
    expect(r.keywords).toEqual([
      { phrase: 'coffee grinder', volume: 1200 },
      { phrase: 'burr grinder', volume: 1500 },
      { phrase: 'hand grinder', volume: 2400 },
      { phrase: 'milk frother', volume: 1000 },
    ]);
  });

  it('keeps commas that are part of the phrase', () => {
    const r = parseKeywordLines('salt, pepper and spices\niphone 15\n"tea, green", 90');
    expect(r.keywords).toEqual([{ phrase: 'salt, pepper and spices' }, { phrase: 'iphone 15' }, { phrase: 'tea, green', volume: 90 }]);
  });

  it('counts repeated phrases once, ignoring case and spacing', () => {
    const r = parseKeywordLines('Cold Brew\ncold  brew, 50\nCOLD BREW');
    expect(r.keywords).toEqual([{ phrase: 'Cold Brew' }]);
    expect(r.duplicates).toBe(2);
  });

  it('reports bad lines with their line numbers', () => {
    const r = parseKeywordLines(`ok\n, 100\n${'x'.repeat(301)}\nhuge, 99999999999`);
    expect(r.keywords).toEqual([{ phrase: 'ok' }]);
    expect(r.errors).toEqual([
      { line: 2, message: 'The keyword is empty' },
      { line: 3, message: 'Longer than 300 characters' },
      { line: 4, message: 'The volume is not a valid number' },
    ]);
  });
});
