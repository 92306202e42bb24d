import type { BrandVoice, BrandVoiceBody } from '@igny8/contracts';
import { brandVoiceBodySchema } from '@igny8/contracts';
import type { z } from 'zod';
import type { TenantContext } from '../../access/context';
import { brandVoiceText } from '../../ai/prompts/brand-voice';
import type { Db } from '../../db/client';
import { audit } from '../audit/service';
import * as repo from './repo';

type Body = z.output<typeof brandVoiceBodySchema>;

export async function createVoice(db: Db, t: TenantContext, body: Body): Promise<BrandVoice> {
  return db.transaction(async (tx) => {
    const row = await repo.insertVoice(tx, t, {
      ...body,
      styleGuide: body.styleGuide ?? null,
      styleGuideSource: body.styleGuide ? 'template' : null,
    });
    await audit.record(tx, t, {
      action: 'brand_voice.created',
      target: { type: 'brand_voice', id: row.id, label: row.name },
    });
    return repo.toBrandVoice(row);
  });
}

export async function updateVoice(
  db: Db,
  t: TenantContext,
  id: string,
  patch: Partial<BrandVoiceBody>,
): Promise<BrandVoice> {
  await repo.requireVoice(db, t, id);
  return db.transaction(async (tx) => {
    // A style guide typed by hand is the account's own, not learned.
    const values = {
      ...patch,
      ...(patch.styleGuide !== undefined ? { styleGuideSource: patch.styleGuide ? ('template' as const) : null } : {}),
    };
    const row = await repo.updateVoice(tx, t, id, values);
    await audit.record(tx, t, {
      action: 'brand_voice.updated',
      target: { type: 'brand_voice', id, label: row.name },
      details: { fields: Object.keys(patch) },
    });
    return repo.toBrandVoice(row);
  });
}

export async function deleteVoice(db: Db, t: TenantContext, id: string): Promise<void> {
  const row = await repo.requireVoice(db, t, id);
  await db.transaction(async (tx) => {
    await repo.deleteVoice(tx, t, id);
    await audit.record(tx, t, { action: 'brand_voice.deleted', target: { type: 'brand_voice', id, label: row.name } });
  });
}

/** `{brand_voice}` for a writer task: its own voice, else its site's; none → the neutral instruction. */
export async function voiceTextFor(
  db: Db,
  t: TenantContext,
  voiceId: string | null,
): Promise<{ id: string | null; text: string }> {
  const voice = voiceId ? await repo.findVoice(db, t, voiceId) : undefined;
  return { id: voice?.id ?? null, text: brandVoiceText(voice) };
}
