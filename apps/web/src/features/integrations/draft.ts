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
}

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
    model: builtin ? '' : item.model,
    apiKey: '',
    removeKey: false,
    outputMode: item.options.outputMode ?? '',
    size: item.options.size ?? '',
    quality: item.options.quality ?? '',
    style: item.options.style ?? '',
  };
}

function optionsFor(capability: Capability, d: IntegrationDraft, keep: IntegrationOptions): IntegrationOptions {
  const options: IntegrationOptions = keep.timeoutSeconds ? { timeoutSeconds: keep.timeoutSeconds } : {};
  if (capability === 'text') {
    if (d.outputMode) options.outputMode = d.outputMode as IntegrationOptions['outputMode'];
  } else {
    if (d.size) options.size = d.size;
    if (d.quality) options.quality = d.quality as IntegrationOptions['quality'];
    if (d.style) options.style = d.style as IntegrationOptions['style'];
  }
  return options;
}

/** The PUT (and test) body for a draft; `keep` carries options the form does not edit (timeout). */
export function toSaveBody(capability: Capability, d: IntegrationDraft, keep: IntegrationOptions = {}): SaveIntegrationBody {
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

/**
 * Field errors for the form, checked with the server's own schema plus the one rule it checks
 * later: OpenAI needs a key, typed now or stored before.
 */
export function validateDraft(
  capability: Capability,
  d: IntegrationDraft,
  hasStoredKey: boolean,
): Partial<Record<keyof IntegrationDraft, string>> {
  const errors: Partial<Record<keyof IntegrationDraft, string>> = {};
  const parsed = saveIntegrationBodySchema.safeParse(toSaveBody(capability, d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof IntegrationDraft | undefined;
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
  return errors;
}
