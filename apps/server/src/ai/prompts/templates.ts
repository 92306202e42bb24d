import type { PromptText } from '@igny8/contracts';

/** `{name}`: a variable. Anything else in braces (JSON, `{ }`) is left as written. */
const VARIABLE = /\{([a-z][a-z0-9_]*)\}/g;

/** The variables a prompt names, each once, in order. */
export function variablesIn(text: PromptText): string[] {
  const found = new Set<string>();
  for (const part of [text.system, text.prompt]) for (const m of part.matchAll(VARIABLE)) found.add(m[1]!);
  return [...found];
}

/** Fills each `{name}` with its value; a variable with no value is left as written (validation refuses those on save). */
export function renderPrompt(text: PromptText, values: Record<string, string>): PromptText {
  const fill = (s: string) =>
    s.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
  return { system: fill(text.system), prompt: fill(text.prompt) };
}
