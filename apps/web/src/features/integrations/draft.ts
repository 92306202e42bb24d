import {
  saveIntegrationBodySchema,
  type Capability,
  type EffectiveIntegration,
  type IntegrationOptions,
  type ProviderKind,
  type SaveIntegrationBody,
} from '@igny8/contracts';

/**
 * The editor's form values for one capability and their translation to the PUT body. Form fields
 * are plain strings ('' = not set / default); the body follows the contract: an absent `apiKey`
 * keeps the stored key, `null` removes it.
 */
export interface IntegrationDraft {
  provider: ProviderKind;
  baseUrl: string;
  model: string;
  apiKey: string;
  /** "Remove key" was pressed: the next save sends `apiKey: null`. */
  removeKey: boolean;
  outputMode: string;
  size: string;
  quality: string;
  style: string;
  /** Limits ('' = the default for the capability). */
  concurrency: string;
  requestsPerMinute: string;
  tokensPerMinute: string;
}

/** The limit fields of the form, in the order shown. */
export const limitFields = ['concurrency', 'requestsPerMinute', 'tokensPerMinute'] as const;

export const outputModeOptions = [
  { value: 'structured', label: 'Structured (JSON schema)' },
  { value: 'json', label: 'JSON mode' },
  { value: 'plain', label: 'Plain text, JSON extracted' },
];
export const imageSizeOptions = ['1024x1024', '1536x1024', '1024x1536', '1792x1024', '1024x1792', '512x512'];
export const imageQualityOptions = ['auto', 'low', 'medium', 'high', 'standard', 'hd'];
export const imageStyleOptions = [
  { value: 'photo', label: 'Photo' },
  { value: 'illustration', label: 'Illustration' },
  { value: 'flat', label: 'Flat' },
  { value: '3d', label: '3D' },
  { value: 'watercolor', label: 'Watercolor' },
];

export function draftFrom(item: EffectiveIntegration): IntegrationDraft {
  const builtin = item.provider === 'builtin';
  return {
    provider: item.provider,
    baseUrl: builtin ? '' : (item.baseUrl ?? ''),
    // The offline model names are ours, not something to send to a real provider.
    model: builtin ? '' : (item.model ?? ''),
    apiKey: '',
    removeKey: false,
    outputMode: item.options.outputMode ?? '',
    size: item.options.size ?? '',
    quality: item.options.quality ?? '',
    style: item.options.style ?? '',
    concurrency: item.options.concurrency?.toString() ?? '',
    requestsPerMinute: item.options.requestsPerMinute?.toString() ?? '',
    tokensPerMinute: item.options.tokensPerMinute?.toString() ?? '',
  };
}

function optionsFor(capability: Capability, d: IntegrationDraft, keep: IntegrationOptions): IntegrationOptions {
  const options: IntegrationOptions = keep.timeoutSeconds ? { timeoutSeconds: keep.timeoutSeconds } : {};
  if (capability === 'text') {
    if (d.outputMode) options.outputMode = d.outputMode as IntegrationOptions['outputMode'];
  } else if (capability === 'image') {
    if (d.size) options.size = d.size;
    if (d.quality) options.quality = d.quality as IntegrationOptions['quality'];
    if (d.style) options.style = d.style as IntegrationOptions['style'];
  }
  for (const f of limitFields) {
    if (f === 'tokensPerMinute' && capability === 'image') continue;
    // Not a number is sent as such: the schema's message names the field.
    if (d[f].trim()) options[f] = Number(d[f].trim());
  }
  return options;
}

/** The PUT (and test) body for a draft; `keep` carries options the form does not edit (timeout). */
export function toSaveBody(
  capability: Capability,
  d: IntegrationDraft,
  keep: IntegrationOptions = {},
): SaveIntegrationBody {
  const options = optionsFor(capability, d, keep);
  if (d.provider === 'builtin') return { provider: 'builtin', options };
  const body: SaveIntegrationBody = {
    provider: d.provider,
    baseUrl: d.baseUrl.trim() || null,
    model: d.model.trim() || null,
    options,
  };
  if (d.removeKey) body.apiKey = null;
  else if (d.apiKey.trim()) body.apiKey = d.apiKey.trim();
  return body;
}

/** Where the stored key was entered for: the saved provider and base URL (null when no key is stored). */
export interface StoredKey {
  provider: ProviderKind;
  baseUrl: string | null;
}

function destination(provider: ProviderKind, baseUrl: string | null): string | undefined {
  try {
    return `${provider} ${new URL(baseUrl || 'https://api.openai.com/v1').origin}`;
  } catch {
    return undefined; // not a URL yet: the base URL field says so
  }
}

/**
 * The server never sends a stored key to another provider or host (it answers `api_key_required`):
 * true when the draft moves the key's destination without a new key typed.
 */
export function keyMustBeReentered(d: IntegrationDraft, stored: StoredKey | null): boolean {
  if (!stored || d.provider === 'builtin' || d.removeKey || d.apiKey.trim()) return false;
  const next = destination(d.provider, d.baseUrl.trim() || null);
  return next !== undefined && next !== destination(stored.provider, stored.baseUrl);
}

export const KEY_AGAIN =
  'The provider or host changed: enter the API key again (a stored key is only sent where it was entered)';

/**
 * Field errors for the form, checked with the server's own schema plus the rules it checks
 * later: OpenAI needs a key, typed now or stored before; a stored key does not follow a new host.
 */
export function validateDraft(
  capability: Capability,
  d: IntegrationDraft,
  stored: StoredKey | null,
): Partial<Record<keyof IntegrationDraft, string>> {
  const hasStoredKey = stored !== null;
  const errors: Partial<Record<keyof IntegrationDraft, string>> = {};
  const parsed = saveIntegrationBodySchema.safeParse(toSaveBody(capability, d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Option errors belong to their own field (options.concurrency → concurrency).
      const field = (issue.path[0] === 'options' ? issue.path[1] : issue.path[0]) as keyof IntegrationDraft | undefined;
      if (!field || errors[field]) continue;
      errors[field] =
        field === 'baseUrl'
          ? d.baseUrl.trim()
            ? 'Enter a full http(s) URL, e.g. http://localhost:11434/v1'
            : 'An OpenAI-compatible server needs its base URL'
          : issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    }
  }
  const keyAfterSave = d.removeKey ? false : d.apiKey.trim() !== '' || hasStoredKey;
  if (d.provider === 'openai' && !keyAfterSave && !errors.apiKey) errors.apiKey = 'OpenAI needs an API key';
  if (!errors.apiKey && keyMustBeReentered(d, stored)) errors.apiKey = KEY_AGAIN;
  return errors;
}
