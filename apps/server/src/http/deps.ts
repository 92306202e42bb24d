import type { AccountRecovery } from '../auth/account-recovery';
import type { AuthService } from '../auth/service';
import type { TwoFactor } from '../auth/two-factor';
import type { Sessions } from '../auth/sessions';
import type { Config } from '../config';
import type { Database, Db } from '../db/client';
import type { Automation } from '../modules/automation/service';
import type { Billing } from '../modules/billing/service';
import type { Prices } from '../modules/billing/prices';
import type { Mailer } from '../modules/email/service';
import type { Integrations } from '../modules/integrations/service';
import type { PlatformDefaults } from '../modules/platform/repo';
import type { Publishing } from '../modules/publishing/module';
import type { Tasks } from '../modules/tasks/service';
import type { FileStorage } from '../storage/files';

/** What route modules get from buildApp. */
export interface RouteDeps {
  config: Config;
  db: Db;
  /** for transactions that also enqueue a job (email) */
  database: Database;
  auth: AuthService;
  recovery: AccountRecovery;
  twoFactor: TwoFactor;
  mailer: Mailer;
  /** the clock two-factor codes and token expiry are checked against (tests fix it) */
  now: () => Date;
  sessions: Sessions;
  platformDefaults: PlatformDefaults;
  integrations: Integrations;
  tasks: Tasks;
  billing: Billing;
  prices: Prices;
  storage: FileStorage;
  publishing: Publishing;
  automation: Automation;
}
