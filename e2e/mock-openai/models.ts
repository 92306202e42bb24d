// GET /v1/models and GET /v1/models/<id>.
import { notFound } from './errors';
import { fromError, ok, type Reply } from './reply';

export const DEFAULT_MODELS: readonly string[] = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-5',
  'gpt-5-mini',
  'dall-e-2',
  'dall-e-3',
  'gpt-image-1',
  'text-embedding-3-small',
];

const CREATED = 1_700_000_000;

const model = (id: string) => ({
  id,
  object: 'model',
  created: CREATED,
  owned_by: id.startsWith('dall-e') ? 'system' : 'openai',
});

export const listModels = (ids: readonly string[]): Reply => ok({ object: 'list', data: ids.map(model) });

export function retrieveModel(ids: readonly string[], id: string): Reply {
  if (ids.includes(id)) return ok(model(id));
  return fromError(
    notFound(`The model '${id}' does not exist or you do not have access to it.`, null, 'model_not_found'),
  );
}
