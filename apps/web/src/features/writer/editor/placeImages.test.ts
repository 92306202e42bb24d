import { describe, expect, it } from 'vitest';
import { headingText } from '@igny8/contracts';
import { placeImages, type PreviewImage } from './placeImages';

const img = (id: string, extra: Partial<PreviewImage> = {}): PreviewImage => ({
  id,
  kind: 'inline',
  placement: null,
  position: 1,
  alt: `alt ${id}`,
  caption: `caption ${id}`,
  src: `blob:http://localhost/${id}`,
  ...extra,
});

const body = '<p>Intro</p><h2>Why run</h2><p>Because.</p><h2>How to start</h2><p>Slowly.</p>';

describe('placing images in the preview', () => {
  it('puts the featured image first and each inline image after its H2', () => {
    const { html, unplaced } = placeImages(body, [
      img('f', { kind: 'featured', position: 0 }),
      img('b', { placement: 'How to start', position: 2 }),
      img('a', { placement: 'Why run', position: 1 }),
    ]);
    expect(unplaced).toEqual([]);
    const order = [
      'data-image-id="f"',
      '<p>Intro</p>',
      '<h2>Why run</h2>',
      'data-image-id="a"',
      '<p>Because.</p>',
      '<h2>How to start</h2>',
      'data-image-id="b"',
      '<p>Slowly.</p>',
    ];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  it('renders an <img> with the preview test id, alt and caption', () => {
    const { html } = placeImages(body, [img('a', { placement: 'Why run' })]);
    expect(html).toContain('<img src="blob:http://localhost/a" alt="alt a" data-testid="preview-image-a">');
    expect(html).toContain('<figcaption>caption a</figcaption>');
  });

  it('matches headings by text, ignoring markup, entities and spacing', () => {
    const html = '<h2 id="x">Salt &amp; <em>pepper</em>\n  tips</h2><p>t</p>';
    expect(headingText('Salt &amp; <em>pepper</em>\n  tips')).toBe('Salt & pepper tips');
    expect(placeImages(html, [img('a', { placement: ' Salt & pepper tips ' })]).html).toBe(
      '<h2 id="x">Salt &amp; <em>pepper</em>\n  tips</h2><figure class="preview-figure preview-figure-inline" data-image-id="a"><img src="blob:http://localhost/a" alt="alt a" data-testid="preview-image-a"><figcaption>caption a</figcaption></figure><p>t</p>',
    );
  });

  it('does not match an H3 or a heading that only contains the placement', () => {
    const { unplaced } = placeImages('<h3>Why run</h3><h2>Why run fast</h2>', [img('a', { placement: 'Why run' })]);
    expect(unplaced.map((i) => i.id)).toEqual(['a']);
  });

  it('keeps several images of one heading in position order', () => {
    const { html } = placeImages(body, [
      img('y', { placement: 'Why run', position: 3 }),
      img('x', { placement: 'Why run', position: 2 }),
    ]);
    expect(html.indexOf('data-image-id="x"')).toBeLessThan(html.indexOf('data-image-id="y"'));
    expect(html.indexOf('data-image-id="y"')).toBeLessThan(html.indexOf('<p>Because.</p>'));
  });

  it('shows images whose heading is gone at the end instead of dropping them', () => {
    const { html, unplaced } = placeImages(body, [img('z', { placement: 'Deleted section' })]);
    expect(unplaced.map((i) => i.id)).toEqual(['z']);
    expect(html.endsWith('</figure>')).toBe(true);
  });

  it('escapes alt and caption text and refuses non-blob sources', () => {
    const { html } = placeImages('', [
      img('f', { kind: 'featured', alt: '"><script>x</script>', caption: '<b>c</b>', src: 'javascript:alert(1)' }),
    ]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;b&gt;c&lt;/b&gt;');
    expect(html).toContain('Loading image…');
  });

  it('shows a placeholder while the file loads', () => {
    const { html } = placeImages(body, [img('a', { placement: 'Why run', src: null })]);
    expect(html).toContain('class="preview-image-loading"');
    expect(html).not.toContain('preview-image-a"');
  });
});
