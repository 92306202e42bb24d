// A minimal valid instance of a JSON schema (the subset OpenAI structured outputs and zod emit).
import { isRecord } from './http-util';
import type { JsonSchema } from './types';

const MAX_DEPTH = 32;

interface Ctx {
  root: JsonSchema;
  depth: number;
  /** the text of a string field, by its name, when the caller wants more than a sample */
  stringFor?: (label: string) => string | undefined;
}

export function sampleFromSchema(
  schema: JsonSchema,
  label = 'value',
  stringFor?: (label: string) => string | undefined,
): unknown {
  return sample(schema, label, { root: schema, depth: 0, stringFor });
}

function sample(schema: unknown, label: string, ctx: Ctx): unknown {
  if (!isRecord(schema) || ctx.depth > MAX_DEPTH) return null;
  const next: Ctx = { ...ctx, depth: ctx.depth + 1 };

  if (typeof schema.$ref === 'string') return sample(resolveRef(schema.$ref, ctx.root), label, next);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const preferred = options.find((o) => !(isRecord(o) && o.type === 'null')) ?? options[0];
      return sample(preferred, label, next);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => sample(part, label, next));
    return parts.every(isRecord) ? Object.assign({}, ...parts) : parts[0];
  }

  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, next);
    case 'array':
      return sampleArray(schema, label, next);
    case 'string':
      return ctx.stringFor?.(label) ?? sampleString(schema, label);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return `Sample ${label}`;
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0]) as string | undefined;
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

function resolveRef(ref: string, root: JsonSchema): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) ? node[part] : undefined;
  }
  return node;
}

function sampleObject(schema: JsonSchema, ctx: Ctx): Record<string, unknown> {
  const props = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const out: Record<string, unknown> = {};
  for (const name of required) out[name] = sample(props[name] ?? {}, name, ctx);
  return out;
}

function sampleArray(schema: JsonSchema, label: string, ctx: Ctx): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const min = num(schema.minItems) ?? 0;
  const max = num(schema.maxItems);
  let count = Math.max(min, prefix.length, 1);
  if (max !== undefined) count = Math.min(count, max);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : (schema.items ?? {});
    out.push(sample(itemSchema, count > 1 ? `${label} ${i + 1}` : label, ctx));
  }
  return out;
}

const FORMATS: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00.000Z',
  date: '2024-01-01',
  time: '00:00:00',
  email: 'sample@example.com',
  uri: 'https://example.com/sample',
  url: 'https://example.com/sample',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
};

function sampleString(schema: JsonSchema, label: string): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let value = format ?? `Sample ${label}`;
  const min = num(schema.minLength);
  const max = num(schema.maxLength);
  if (min !== undefined && value.length < min) value = value.padEnd(min, '.');
  if (max !== undefined && value.length > max) value = value.slice(0, max);
  return value;
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  // Draft 2020-12 uses numeric exclusive bounds; draft 4 uses booleans next to minimum/maximum.
  const lo = num(schema.exclusiveMinimum) ?? num(schema.minimum);
  const hi = num(schema.exclusiveMaximum) ?? num(schema.maximum);
  const loEx = num(schema.exclusiveMinimum) !== undefined || schema.exclusiveMinimum === true;
  const hiEx = num(schema.exclusiveMaximum) !== undefined || schema.exclusiveMaximum === true;
  let value: number;
  if (integer) {
    const loI = lo === undefined ? undefined : loEx ? Math.floor(lo) + 1 : Math.ceil(lo);
    const hiI = hi === undefined ? undefined : hiEx ? Math.ceil(hi) - 1 : Math.floor(hi);
    value = loI ?? (hiI !== undefined ? Math.min(hiI, 1) : 1);
  } else if (lo !== undefined && hi !== undefined) {
    value = loEx || hiEx ? (lo + hi) / 2 : lo;
  } else if (lo !== undefined) {
    value = loEx ? lo + 1 : lo;
  } else if (hi !== undefined) {
    value = hiEx ? Math.min(hi - 1, 1) : Math.min(hi, 1);
  } else {
    value = 1;
  }
  const multipleOf = num(schema.multipleOf);
  if (multipleOf !== undefined && multipleOf > 0) {
    const up = Math.ceil(value / multipleOf) * multipleOf;
    value = hi === undefined || up < hi || (up === hi && !hiEx) ? up : Math.floor(value / multipleOf) * multipleOf;
  }
  return value;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
