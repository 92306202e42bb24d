import { z } from 'zod';

/** How far a site's keywords have come through the pipeline. */
export const funnelSchema = z.object({
  keywords: z.number().int(),
  clusteredKeywords: z.number().int(),
  clusters: z.number().int(),
  ideas: z.number().int(),
  queued: z.number().int(),
  contents: z.number().int(),
  images: z.number().int(),
  failedImages: z.number().int(),
});
export type Funnel = z.infer<typeof funnelSchema>;
