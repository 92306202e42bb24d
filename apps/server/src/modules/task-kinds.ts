import type { TaskRegistry } from '../jobs/registry';
import { autoClusterTask, runAutoCluster } from './clusters/auto-task';
import { generateIdeasTask, runGenerateIdeas } from './ideas/generate-task';
import { importKeywordsTask, runImportKeywords } from './keywords/import-task';
import type { SerpProvider } from './keywords/serp-provider';
import { fetchSerpsHandler, fetchSerpsTask } from './keywords/serp-task';
import { generateContentTask, runGenerateContent } from './writer/content-task';
import { generateImagePromptsTask, runGenerateImagePrompts } from './writer/image-prompts-task';
import { generateImagesTask, runGenerateImages } from './writer/images-task';
import type { Publishing } from './publishing/module';
import { publishTask } from './publishing/publish-task';
import { publishTaskHandler } from './publishing/publisher-task';
import { learnVoiceTask, runLearnVoice } from './voices/learn-task';

/**
 * Every module's task kinds with their handlers. Kinds whose handlers need the runtime's services
 * (publishing) are declared without a handler when none are given (to list the kinds).
 */
export function registerTaskKinds(
  registry: TaskRegistry,
  services: { publishing?: Publishing; serp?: SerpProvider | null } = {},
): TaskRegistry {
  registry.add(importKeywordsTask, runImportKeywords);
  registry.add(fetchSerpsTask, fetchSerpsHandler(services.serp ?? null));
  registry.add(autoClusterTask, runAutoCluster);
  registry.add(generateIdeasTask, runGenerateIdeas);
  registry.add(generateContentTask, runGenerateContent);
  registry.add(generateImagePromptsTask, runGenerateImagePrompts);
  registry.add(generateImagesTask, runGenerateImages);
  registry.add(learnVoiceTask, runLearnVoice);
  registry.add(publishTask, services.publishing ? publishTaskHandler(services.publishing.publisher) : undefined);
  return registry;
}
