// Which OpenAI endpoint a method + path addresses.
import type { Endpoint } from './types';

export type Route =
  | { endpoint: 'models'; modelId?: string }
  | { endpoint: 'chat' }
  | { endpoint: 'images' }
  | { endpoint: 'embeddings' }
  | { endpoint: 'files'; fileId: string }
  | { endpoint: 'other' };

export function route(method: string, path: string): Route {
  const p = path.replace(/\/+$/, '');
  if (method === 'GET' && p === '/v1/models') return { endpoint: 'models' };
  const model = /^\/v1\/models\/(.+)$/.exec(p);
  if (method === 'GET' && model) return { endpoint: 'models', modelId: decodeURIComponent(model[1]!) };
  if (method === 'POST' && p === '/v1/chat/completions') return { endpoint: 'chat' };
  if (method === 'POST' && p === '/v1/images/generations') return { endpoint: 'images' };
  if (method === 'POST' && p === '/v1/embeddings') return { endpoint: 'embeddings' };
  const file = /^\/files\/([\w-]+)\.png$/.exec(p);
  if (method === 'GET' && file) return { endpoint: 'files', fileId: file[1]! };
  return { endpoint: 'other' };
}

export const isApiEndpoint = (r: Route): r is Route & { endpoint: Endpoint } =>
  r.endpoint === 'models' || r.endpoint === 'chat' || r.endpoint === 'images' || r.endpoint === 'embeddings';
