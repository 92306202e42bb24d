import type { TaskRegistry } from '../jobs/registry';
import { autoClusterTask, runAutoCluster } from './clusters/auto-task';
import { generateIdeasTask, runGenerateIdeas } from './ideas/generate-task';
import { importKeywordsTask, runImportKeywords } from './keywords/import-task';
import { generateContentTask, runGenerateContent } from './writer/content-task';
import { generateImagePromptsTask, runGenerateImagePrompts } from './writer/image-prompts-task';
import { generateImagesTask, runGenerateImages } from './writer/images-task';

/** Every module's task kinds with their handlers. */
export function registerTaskKinds(registry: TaskRegistry): TaskRegistry {
  registry.add(importKeywordsTask, runImportKeywords);
  registry.add(autoClusterTask, runAutoCluster);
  registry.add(generateIdeasTask, runGenerateIdeas);
  registry.add(generateContentTask, runGenerateContent);
  registry.add(generateImagePromptsTask, runGenerateImagePrompts);
  registry.add(generateImagesTask, runGenerateImages);
  return registry;
}
