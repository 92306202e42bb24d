import { describe, expect, it } from 'vitest';
import { changedFields, draftOf, savedDraft, serverFieldErrors, type ContentDraft } from './draft';

const base: ContentDraft = {
  title: 'Best shoes',
  slug: 'best-shoes',
  metaTitle: 'Best shoes 2026',
  metaDescription: 'A guide.',
  excerpt: 'Short.',
  bodyHtml: '<p>Hi</p>',
};

describe('content draft', () => {
  it('sends nothing when nothing changed', () => {
    expect(changedFields(base, { ...base })).toEqual({});
  });

  it('sends only the changed fields', () => {
    expect(changedFields(base, { ...base, metaTitle: 'New', bodyHtml: '<p>Hey</p>' })).toEqual({
      metaTitle: 'New',
      bodyHtml: '<p>Hey</p>',
    });
  });

  it('picks the editable fields of an article', () => {
    expect(draftOf({ ...base, id: 'x', wordCount: 3 } as never)).toEqual(base);
  });

  it('after a save compares against the server fields and the editor body', () => {
    const answer = { ...base, title: 'Trimmed', bodyHtml: '<p>server form</p>' };
    const saved = savedDraft(answer, '<p>editor form</p>');
    expect(saved.title).toBe('Trimmed');
    expect(changedFields(saved, { ...base, title: 'Trimmed', bodyHtml: '<p>editor form</p>' })).toEqual({});
  });

  it('maps the server validation details onto the form fields', () => {
    expect(
      serverFieldErrors([
        { path: 'body.slug', message: 'lowercase letters, digits and hyphens' },
        { path: 'body.slug', message: 'second' },
        { path: 'params.contentId', message: 'bad' },
      ]),
    ).toEqual({ slug: 'Lowercase letters, digits and hyphens' });
    expect(serverFieldErrors(undefined)).toEqual({});
  });
});
