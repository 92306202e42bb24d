import type { FastifyRequest } from 'fastify';

/**
 * PostgreSQL cannot store a NUL (0x00) in text or jsonb, nor an unpaired UTF-16 surrogate in
 * jsonb; such a value reaching a query ends as a database error. Every string of every request
 * (path params, query string, JSON body, object keys included) is checked once, before schema
 * validation, so no route can forget it (registerErrorHandling installs the check). CSV uploads
 * are text bodies, checked by the importer.
 */
export function invalidTextIn(req: FastifyRequest): { path: string; reason: string } | undefined {
  return (
    findInvalidText(req.params, 'params') ??
    findInvalidText(req.query, 'querystring') ??
    (isJson(req.headers['content-type']) ? findInvalidText(req.body, 'body') : undefined)
  );
}

const isJson = (contentType: string | undefined) => !!contentType && /[/+]json\b/i.test(contentType);

interface Step {
  parent: Step | undefined;
  key: string;
}
const pathOf = (step: Step): string => {
  const keys: string[] = [];
  for (let cur: Step | undefined = step; cur; cur = cur.parent) keys.push(cur.key);
  return keys.reverse().join('.');
};

/**
 * The first string (value or key) that cannot be stored, with its path. Iterative, and the path
 * is built only when something is found: bodies may nest 10k levels deep.
 */
function findInvalidText(value: unknown, root: string): { path: string; reason: string } | undefined {
  const stack: [unknown, Step][] = [[value, { parent: undefined, key: root }]];
  while (stack.length) {
    const [cur, step] = stack.pop()!;
    if (typeof cur === 'string') {
      const reason = textProblem(cur);
      if (reason) return { path: pathOf(step), reason };
    } else if (Array.isArray(cur)) {
      for (let i = cur.length - 1; i >= 0; i--) stack.push([cur[i], { parent: step, key: String(i) }]);
    } else if (cur && typeof cur === 'object') {
      for (const [k, v] of Object.entries(cur)) {
        const reason = textProblem(k);
        if (reason) return { path: pathOf({ parent: step, key: JSON.stringify(k) }), reason: `key ${reason}` };
        stack.push([v, { parent: step, key: k }]);
      }
    }
  }
  return undefined;
}

// With the u flag a paired surrogate is one code point, so only an unpaired half matches.
const loneSurrogate = /\p{Surrogate}/u;

function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain NUL (0x00) characters';
  if (loneSurrogate.test(s)) return 'must be valid Unicode (it has an unpaired surrogate)';
  return undefined;
}
