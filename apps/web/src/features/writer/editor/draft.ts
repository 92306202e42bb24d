import type { Content } from '@igny8/contracts';

/** The fields of an article the editor changes; everything else is the server's. */
export interface ContentDraft {
  title: string;
  slug: string;
  metaTitle: string;
  metaDescription: string;
  excerpt: string;
  bodyHtml: string;
}

// The status is not a field: it moves by the workflow's own actions (PublishPanel).
const fields = ['title', 'slug', 'metaTitle', 'metaDescription', 'excerpt', 'bodyHtml'] as const;

export function draftOf(c: Pick<Content, (typeof fields)[number]>): ContentDraft {
  return {
    title: c.title,
    slug: c.slug,
    metaTitle: c.metaTitle,
    metaDescription: c.metaDescription,
    excerpt: c.excerpt,
    bodyHtml: c.bodyHtml,
  };
}

/** What a save sends: only the fields that differ from the last saved state. */
export function changedFields(saved: ContentDraft, current: ContentDraft): Partial<ContentDraft> {
  const out: Partial<ContentDraft> = {};
  for (const f of fields) {
    if (saved[f] !== current[f]) Object.assign(out, { [f]: current[f] });
  }
  return out;
}

/**
 * The state to compare against after a save: the server's answer for the plain fields (it trims
 * and may normalise them), but the editor's own HTML for the body, since the server's sanitised
 * string can differ from the editor's serialisation of the same document.
 */
export function savedDraft(answer: ContentDraft, editorHtml: string): ContentDraft {
  return { ...answer, bodyHtml: editorHtml };
}

/** Field messages from a 400 `validation_failed` answer (`details: [{ path: "body.slug", message }]`). */
export function serverFieldErrors(details: unknown): Partial<Record<keyof ContentDraft, string>> {
  const out: Partial<Record<keyof ContentDraft, string>> = {};
  if (!Array.isArray(details)) return out;
  for (const d of details as { path?: unknown; message?: unknown }[]) {
    const field = typeof d?.path === 'string' ? d.path.replace(/^body\./, '') : '';
    if ((fields as readonly string[]).includes(field) && typeof d.message === 'string' && !(field in out)) {
      out[field as keyof ContentDraft] = d.message.charAt(0).toUpperCase() + d.message.slice(1);
    }
  }
  return out;
}
