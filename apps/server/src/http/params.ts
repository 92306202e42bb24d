import { z } from 'zod';

/** Path parameters of account- and site-scoped routes (the guard and site scope check them). */
export const accountParams = z.object({ accountId: z.string() });
export const siteParams = accountParams.extend({ siteId: z.string() });
