import { AppError } from '../../http/errors';
import type { PromptFunction, PromptItemView, PromptText, PromptView } from '@igny8/contracts';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { promptDefinitions, sampleValues, unknownVariables } from '../../ai/prompts/registry';
import { renderPrompt } from '../../ai/prompts/templates';
import { audit } from '../audit/service';
import * as repo from './repo';
import { accountScope, overrideKey, type PromptScope } from './repo';

/** What a task asks for: the items whose overrides come first (most specific first). */
export interface PromptItems {
  writerTaskId?: string | null;
  ideaId?: string | null;
}

export type PromptSource = 'item' | 'account' | 'default';

/**
 * The prompt a task uses for a function: the item's override (writer task, then the idea it came from), else the
 * account's, else the default in code.
 */
export async function resolvePrompt(
  db: Db,
  t: TenantContext,
  fn: PromptFunction,
  items: PromptItems = {},
): Promise<{ text: PromptText; source: PromptSource }> {
  const scopes: PromptScope[] = [
    ...(items.writerTaskId ? [{ itemType: 'writer_task' as const, itemId: items.writerTaskId }] : []),
    ...(items.ideaId ? [{ itemType: 'idea' as const, itemId: items.ideaId }] : []),
    accountScope,
  ];
  const found = await repo.overridesIn(db, t, [fn], scopes);
  for (const s of scopes) {
    const text = found.get(overrideKey(fn, s));
    if (text) return { text, source: s.itemType === 'account' ? 'account' : 'item' };
  }
  return { text: promptDefinitions[fn].default, source: 'default' };
}

/** A 400 naming the first variable the function does not have. */
export function assertKnownVariables(fn: PromptFunction, text: PromptText): void {
  const unknown = unknownVariables(fn, text);
  if (unknown.length) {
    const allowed = promptDefinitions[fn].variables.map((v) => v.name);
    throw new AppError(
      400,
      'prompt_variable_unknown',
      `Unknown variable {${unknown[0]}} in the ${fn} prompt; it may use ${allowed.map((a) => `{${a}}`).join(', ')}`,
      {
        variable: unknown[0],
        unknown,
        allowed,
      },
    );
  }
}

export async function listPrompts(db: Db, t: TenantContext): Promise<PromptView[]> {
  const fns = Object.keys(promptDefinitions) as PromptFunction[];
  const found = await repo.overridesIn(db, t, fns, [accountScope]);
  return fns.map((fn) => viewOf(fn, found.get(overrideKey(fn, accountScope)) ?? null));
}

export async function getPrompt(db: Db, t: TenantContext, fn: PromptFunction): Promise<PromptView> {
  const found = await repo.overridesIn(db, t, [fn], [accountScope]);
  return viewOf(fn, found.get(overrideKey(fn, accountScope)) ?? null);
}

function viewOf(fn: PromptFunction, override: PromptText | null): PromptView {
  const def = promptDefinitions[fn];
  return {
    function: fn,
    label: def.label,
    description: def.description,
    variables: def.variables,
    default: def.default,
    override,
    effective: override ?? def.default,
    source: override ? 'account' : 'default',
  };
}

export async function getItemPrompt(
  db: Db,
  t: TenantContext,
  fn: PromptFunction,
  scope: PromptScope & { itemType: 'idea' | 'writer_task'; itemId: string },
): Promise<PromptItemView> {
  const own = (await repo.overridesIn(db, t, [fn], [scope])).get(overrideKey(fn, scope)) ?? null;
  // What the item would use without its own: for a writer task, its idea's, then the account's.
  const ideaId = scope.itemType === 'writer_task' ? await repo.ideaOfWriterTask(db, t, scope.itemId) : null;
  const inherited = await resolvePrompt(db, t, fn, { ideaId });
  return {
    function: fn,
    itemType: scope.itemType,
    itemId: scope.itemId,
    override: own,
    effective: own ?? inherited.text,
    source: own ? 'item' : inherited.source,
  };
}

/** Saves a new version (validated), or a reset (text null); both in the audit log. */
export async function savePrompt(
  db: Db,
  t: TenantContext,
  fn: PromptFunction,
  scope: PromptScope,
  text: PromptText | null,
) {
  if (text) assertKnownVariables(fn, text);
  return db.transaction(async (tx) => {
    const version = await repo.appendVersion(tx, t, fn, scope, text);
    await audit.record(tx, t, {
      action: text ? 'prompt.saved' : 'prompt.reset',
      target: {
        type: 'prompt',
        id: scope.itemId,
        label: scope.itemType === 'account' ? fn : `${fn} (${scope.itemType})`,
      },
      details: { function: fn, itemType: scope.itemType, version: version.version },
    });
    return version;
  });
}

/** The prompt (given, or the one in force) filled with sample data; `brandVoice` replaces the sample voice. */
export function previewPrompt(fn: PromptFunction, text: PromptText, brandVoice?: string): PromptText {
  assertKnownVariables(fn, text);
  const values = sampleValues(fn);
  if (brandVoice !== undefined && 'brand_voice' in values) values.brand_voice = brandVoice;
  return renderPrompt(text, values);
}
