import type { AccessTokens } from '../auth/tokens';
import type { AuthService } from '../auth/service';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { PlatformDefaults } from '../modules/platform/repo';

/** What route modules get from buildApp. */
export interface RouteDeps {
  config: Config;
  db: Db;
  tokens: AccessTokens;
  auth: AuthService;
  platformDefaults: PlatformDefaults;
}
