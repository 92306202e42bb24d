import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  brandVoiceSchema,
  linkInsertResultSchema,
  linkSuggestionsSchema,
  orphanReportSchema,
  promptItemViewSchema,
  promptPreviewSchema,
  promptVersionSchema,
  promptViewSchema,
  siteSchema,
  taskStartedSchema,
  type BrandVoiceBody,
  type Content,
  type PromptFunction,
  type PromptText,
} from '@igny8/contracts';
import { api } from '../client';
import { accountPath } from './accounts';
import { contentKeys } from './contents';
import { idempotencyHeader, useTaskStartMutation } from './taskStart';
import { siteKeys } from './sites';
import { siteDataPath, writerKeys } from './writer';

// ---- Prompt library ---------------------------------------------------------------------------

const promptKeys = {
  all: (accountId: string) => ['accounts', accountId, 'prompts'] as const,
  versions: (accountId: string, fn: PromptFunction) => ['accounts', accountId, 'prompts', fn, 'versions'] as const,
};
const promptsPath = (accountId: string, fn?: PromptFunction, sub = '') =>
  `${accountPath(accountId)}/prompts${fn ? `/${fn}` : ''}${sub}`;

export function usePrompts(accountId: string) {
  return useQuery({
    queryKey: promptKeys.all(accountId),
    queryFn: ({ signal }) =>
      api(promptsPath(accountId), { schema: z.object({ items: z.array(promptViewSchema) }), signal }),
  });
}

export function usePromptVersions(accountId: string, fn: PromptFunction) {
  return useQuery({
    queryKey: promptKeys.versions(accountId, fn),
    queryFn: ({ signal }) =>
      api(promptsPath(accountId, fn, '/versions'), {
        schema: z.object({ items: z.array(promptVersionSchema) }),
        signal,
      }),
  });
}

export function useSavePrompt(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ fn, text }: { fn: PromptFunction; text: PromptText | null }) =>
      api(
        promptsPath(accountId, fn),
        text ? { method: 'PUT', body: text, schema: promptViewSchema } : { method: 'DELETE', schema: promptViewSchema },
      ),
    // The caller shows a 400 (unknown variable) beside the field.
    meta: { errorTitle: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: promptKeys.all(accountId) }),
  });
}

export function usePreviewPrompt(accountId: string) {
  return useMutation({
    mutationFn: ({ fn, text, brandVoiceId }: { fn: PromptFunction; text: PromptText; brandVoiceId?: string }) =>
      api(promptsPath(accountId, fn, '/preview'), {
        method: 'POST',
        body: { ...text, ...(brandVoiceId ? { brandVoiceId } : {}) },
        schema: promptPreviewSchema,
      }),
    meta: { errorTitle: false },
  });
}

// ---- Brand voices -----------------------------------------------------------------------------

const voiceKeys = { all: (accountId: string) => ['accounts', accountId, 'brand-voices'] as const };
const voicesPath = (accountId: string, id?: string, sub = '') =>
  `${accountPath(accountId)}/brand-voices${id ? `/${encodeURIComponent(id)}` : ''}${sub}`;

export function useBrandVoices(accountId: string) {
  return useQuery({
    queryKey: voiceKeys.all(accountId),
    queryFn: ({ signal }) =>
      api(voicesPath(accountId), { schema: z.object({ items: z.array(brandVoiceSchema), total: z.number() }), signal }),
  });
}

export function useSaveBrandVoice(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: BrandVoiceBody }) =>
      api(voicesPath(accountId, id), { method: id ? 'PATCH' : 'POST', body, schema: brandVoiceSchema }),
    meta: { errorTitle: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: voiceKeys.all(accountId) }),
  });
}

export function useDeleteBrandVoice(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(voicesPath(accountId, id), { method: 'DELETE' }),
    meta: { errorTitle: 'Could not delete the brand voice' },
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: voiceKeys.all(accountId) }),
        qc.invalidateQueries({ queryKey: siteKeys.all(accountId) }),
      ]),
  });
}

/** "Learn from samples" starts a task (held in credits when the platform's keys write it); its end refreshes the voices. */
export function useLearnBrandVoice(accountId: string) {
  return useTaskStartMutation({
    accountId,
    mutationFn: (id: string, key) =>
      api(voicesPath(accountId, id, '/learn'), {
        method: 'POST',
        schema: taskStartedSchema,
        headers: idempotencyHeader(key),
      }),
    errorTitle: 'Could not learn from the samples',
  });
}

export function useSetSiteVoice(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ siteId, brandVoiceId }: { siteId: string; brandVoiceId: string | null }) =>
      api(`${accountPath(accountId)}/sites/${encodeURIComponent(siteId)}/brand-voice`, {
        method: 'PUT',
        body: { brandVoiceId },
        schema: siteSchema,
      }),
    meta: { errorTitle: 'Could not change the site’s voice' },
    onSuccess: () => qc.invalidateQueries({ queryKey: siteKeys.all(accountId) }),
  });
}

export function useSetWriterTaskVoice(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ writerTaskId, brandVoiceId }: { writerTaskId: string; brandVoiceId: string | null }) =>
      api(siteDataPath(accountId, siteId, `writer/tasks/${encodeURIComponent(writerTaskId)}/brand-voice`), {
        method: 'PUT',
        body: { brandVoiceId },
      }),
    meta: { errorTitle: 'Could not change the writer task’s voice' },
    onSettled: () => qc.invalidateQueries({ queryKey: writerKeys.tasks(accountId, siteId) }),
  });
}

// ---- Internal links ---------------------------------------------------------------------------

const linkKeys = {
  suggestions: (accountId: string, siteId: string, contentId: string) =>
    [...siteKeys.one(accountId, siteId), 'links', contentId] as const,
  orphans: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'links', 'orphans'] as const,
};
const linksPath = (accountId: string, siteId: string, contentId: string, sub = '') =>
  siteDataPath(accountId, siteId, `contents/${encodeURIComponent(contentId)}/links${sub}`);

export function useLinkSuggestions(accountId: string, siteId: string, contentId: string) {
  return useQuery({
    queryKey: linkKeys.suggestions(accountId, siteId, contentId),
    queryFn: ({ signal }) => api(linksPath(accountId, siteId, contentId), { schema: linkSuggestionsSchema, signal }),
  });
}

/** Accept one suggestion, or insert the best N: the server changes the body and answers with it. */
export function useInsertLinks(accountId: string, siteId: string, contentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (what: { targetContentId: string } | { count: number }) =>
      api(linksPath(accountId, siteId, contentId, 'targetContentId' in what ? '/accept' : '/auto'), {
        method: 'POST',
        body: what,
        schema: linkInsertResultSchema,
      }),
    meta: { errorTitle: 'Could not insert the link' },
    onSuccess: async (answer) => {
      qc.setQueryData(contentKeys.one(accountId, siteId, contentId), (c: Content | undefined) =>
        c ? { ...c, bodyHtml: answer.bodyHtml } : c,
      );
      await qc.invalidateQueries({ queryKey: [...siteKeys.one(accountId, siteId), 'links'] });
    },
  });
}

export function useRejectLink(accountId: string, siteId: string, contentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (targetContentId: string) =>
      api<void>(linksPath(accountId, siteId, contentId, '/reject'), { method: 'POST', body: { targetContentId } }),
    meta: { errorTitle: 'Could not reject the link' },
    onSettled: () => qc.invalidateQueries({ queryKey: linkKeys.suggestions(accountId, siteId, contentId) }),
  });
}

export function useOrphanReport(accountId: string, siteId: string) {
  return useQuery({
    queryKey: linkKeys.orphans(accountId, siteId),
    queryFn: ({ signal }) =>
      api(siteDataPath(accountId, siteId, 'links/orphans'), { schema: orphanReportSchema, signal }),
  });
}

// ---- An idea's or writer task's own prompt ------------------------------------------------------

export type PromptItem = { kind: 'ideas' | 'writer/tasks'; id: string };
const itemPromptPath = (accountId: string, siteId: string, item: PromptItem, fn: PromptFunction) =>
  siteDataPath(accountId, siteId, `${item.kind}/${encodeURIComponent(item.id)}/prompts/${fn}`);

export function useItemPrompt(accountId: string, siteId: string, item: PromptItem, fn: PromptFunction) {
  return useQuery({
    queryKey: [...siteKeys.one(accountId, siteId), 'prompts', item.kind, item.id, fn],
    queryFn: ({ signal }) => api(itemPromptPath(accountId, siteId, item, fn), { schema: promptItemViewSchema, signal }),
  });
}

export function useSaveItemPrompt(accountId: string, siteId: string, item: PromptItem, fn: PromptFunction) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: PromptText | null) =>
      api(
        itemPromptPath(accountId, siteId, item, fn),
        text
          ? { method: 'PUT', body: text, schema: promptItemViewSchema }
          : { method: 'DELETE', schema: promptItemViewSchema },
      ),
    meta: { errorTitle: false },
    onSuccess: (view) => qc.setQueryData([...siteKeys.one(accountId, siteId), 'prompts', item.kind, item.id, fn], view),
  });
}
