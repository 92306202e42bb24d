import { useEffect, useMemo, useRef, useState } from 'react';
import { apiBlob } from '../../api/client';

export interface ImageFileRef {
  id: string;
  fileUrl: string | null;
  /** Changes when the image is regenerated, so the new file is fetched instead of a cached one. */
  updatedAt: string;
}

export interface ImageObjectUrls {
  /** image id → object URL of its file, once fetched */
  urls: Record<string, string>;
  /** image id → why its file could not be fetched */
  errors: Record<string, string>;
}

/** The versioned request for an image's file; "" when it has none. */
function fileKey(img: ImageFileRef): string {
  return img.fileUrl ? `${img.fileUrl}?v=${encodeURIComponent(img.updatedAt)}` : '';
}

/**
 * Image files are served only with the session's token, so an <img src> cannot point at them:
 * each is fetched through the API client and shown from an object URL, revoked once a newer file
 * of the same image has loaded or the component unmounts.
 */
export function useImageObjectUrls(images: readonly ImageFileRef[]): ImageObjectUrls {
  const wanted = JSON.stringify(images.filter((i) => i.fileUrl).map((i) => [i.id, fileKey(i)]));
  const owned = useRef(new Map<string, { id: string; url: string }>());
  const [state, setState] = useState<{ byKey: Record<string, string>; errors: Record<string, string> }>({
    byKey: {},
    errors: {},
  });

  useEffect(() => {
    const ctrl = new AbortController();
    for (const [id, key] of JSON.parse(wanted) as [string, string][]) {
      if (owned.current.has(key)) continue;
      apiBlob(key, { signal: ctrl.signal }).then(
        ({ blob }) => {
          if (ctrl.signal.aborted) return;
          // A newer file of the same image replaces the old one, which is released now.
          const superseded = [...owned.current].filter(([k, o]) => o.id === id && k !== key).map(([k]) => k);
          for (const k of superseded) {
            URL.revokeObjectURL(owned.current.get(k)!.url);
            owned.current.delete(k);
          }
          const url = URL.createObjectURL(blob);
          owned.current.set(key, { id, url });
          setState((s) => ({
            byKey: { ...withoutKeys(s.byKey, superseded), [key]: url },
            errors: withoutKey(s.errors, id),
          }));
        },
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          const message = err instanceof Error ? err.message : 'Could not load the image.';
          setState((s) => ({ ...s, errors: { ...s.errors, [id]: message } }));
        },
      );
    }
    return () => ctrl.abort();
  }, [wanted]);

  useEffect(() => {
    const urls = owned.current;
    return () => {
      for (const { url } of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);

  // Memoised on what it depends on, so callers can key their own memos on `urls`.
  const urls = useMemo(() => {
    const byId: Record<string, string> = {};
    for (const [id, key] of JSON.parse(wanted) as [string, string][]) {
      const url = state.byKey[key];
      if (url) byId[id] = url;
    }
    return byId;
  }, [wanted, state.byKey]);
  return { urls, errors: state.errors };
}

function withoutKey(record: Record<string, string>, key: string): Record<string, string> {
  return key in record ? withoutKeys(record, [key]) : record;
}

function withoutKeys(record: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
}
