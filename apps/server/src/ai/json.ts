/**
 * Pulls the JSON value out of a model reply that may wrap it in a code fence or
 * prose ("Sure! Here is…"). Returns undefined when no parsable JSON is found.
 */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const direct = tryParse(trimmed);
  if (direct !== undefined) return direct;

  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(trimmed);
  if (fence?.[1]) {
    const fenced = tryParse(fence[1].trim());
    if (fenced !== undefined) return fenced;
  }
  for (const open of ['{', '[']) {
    const start = trimmed.indexOf(open);
    if (start < 0) continue;
    const end = matchingClose(trimmed, start);
    if (end > start) {
      const inner = tryParse(trimmed.slice(start, end + 1));
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

function tryParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Index of the bracket closing the one at `start`, respecting strings; -1 if unbalanced. */
function matchingClose(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
