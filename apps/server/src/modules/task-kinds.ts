import type { TaskRegistry } from '../jobs/registry';

/** Every module's task kinds with their handlers. */
export function registerTaskKinds(registry: TaskRegistry): TaskRegistry {
  return registry;
}
