import type { IntegrationsView, SaveIntegrationBody } from '@igny8/contracts';
import { mockOpenAIControl, type MockOpenAIControl, type RecordedRequest } from '../../mock-openai';
import type { ApiClient } from '../api';
import { createTenant, signInOperator, type Tenant } from './tenant';

/** The mock OpenAI-compatible server started by the Playwright config (second webServer). */
export const MOCK_ORIGIN = `http://127.0.0.1:${Number(process.env.MOCK_OPENAI_PORT ?? 4010)}`;
/** What the igny8 server calls: the mock's API root. */
export const MOCK_BASE_URL = `${MOCK_ORIGIN}/v1`;
/** The platform's (system account's) key; no customer account has a key of its own. */
export const PLATFORM_KEY = 'sk-e2e';

export const PLATFORM_TEXT: SaveIntegrationBody = {
  provider: 'openai_compatible',
  baseUrl: MOCK_BASE_URL,
  apiKey: PLATFORM_KEY,
  model: 'gpt-e2e',
  options: { outputMode: 'structured' },
};
export const PLATFORM_IMAGE: SaveIntegrationBody = {
  provider: 'openai_compatible',
  baseUrl: MOCK_BASE_URL,
  apiKey: PLATFORM_KEY,
  model: 'gpt-image-1',
};

export function mockControl(): MockOpenAIControl {
  return mockOpenAIControl(MOCK_ORIGIN);
}

/**
 * Points the system account's text and image settings at the mock, as the platform operator.
 * Returns how to put things back (with a signed-in operator): settings that did not exist before
 * are removed again, so specs that run later see the installation as they would have.
 */
export async function usePlatformMockProviders(operator: ApiClient): Promise<(operator: ApiClient) => Promise<void>> {
  const before = await operator.call<IntegrationsView>('GET', '/api/v1/platform/integrations');
  const had = new Set(before.items.filter((i) => i.hasOwnSettings).map((i) => i.capability));
  await operator.call('PUT', '/api/v1/platform/integrations/text', PLATFORM_TEXT);
  await operator.call('PUT', '/api/v1/platform/integrations/image', PLATFORM_IMAGE);
  return async (op: ApiClient) => {
    for (const capability of ['text', 'image'] as const) {
      if (!had.has(capability)) await op.call('DELETE', `/api/v1/platform/integrations/${capability}`);
    }
  };
}

/**
 * A spec's setup as the platform operator: the platform's providers point at the mock and a tenant named
 * `label` is made (then `also` runs, as the operator). `restore` (for afterAll) puts the providers back.
 */
export async function tenantOnMockProviders(
  baseURL: string,
  label: string,
  also?: (operator: ApiClient, tenant: Tenant) => Promise<void>,
): Promise<{ tenant: Tenant; restore: () => Promise<void> }> {
  const operator = await signInOperator(baseURL);
  let putBack: ((op: ApiClient) => Promise<void>) | undefined;
  const restore = async () => {
    if (!putBack) return;
    const op = await signInOperator(baseURL);
    try {
      await putBack(op);
    } finally {
      await op.dispose();
    }
  };
  try {
    putBack = await usePlatformMockProviders(operator);
    const tenant = await createTenant(baseURL, operator, label);
    await also?.(operator, tenant);
    return { tenant, restore };
  } catch (e) {
    await restore();
    throw e;
  } finally {
    await operator.dispose();
  }
}

/** Calls the igny8 server made to the mock's model endpoints (not its control routes). */
export function providerCalls(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path.startsWith('/v1/'));
}

export function authorizationOf(r: RecordedRequest): string | undefined {
  const value = r.headers.authorization;
  return Array.isArray(value) ? value[0] : value;
}
