import type { AuthService } from '../auth/service';
import type { Sessions } from '../auth/sessions';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Billing } from '../modules/billing/service';
import type { Prices } from '../modules/billing/prices';
import type { Integrations } from '../modules/integrations/service';
import type { PlatformDefaults } from '../modules/platform/repo';
import type { Publishing } from '../modules/publishing/module';
import type { Tasks } from '../modules/tasks/service';
import type { FileStorage } from '../storage/files';

/** What route modules get from buildApp. */
export interface RouteDeps {
  config: Config;
  db: Db;
  auth: AuthService;
  sessions: Sessions;
  platformDefaults: PlatformDefaults;
  integrations: Integrations;
  tasks: Tasks;
  billing: Billing;
  prices: Prices;
  storage: FileStorage;
  publishing: Publishing;
}
