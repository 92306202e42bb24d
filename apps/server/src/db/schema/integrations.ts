import { capabilities, type IntegrationOptions } from '@igny8/contracts';
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts';

/** AI provider settings per account and capability. Keys are AES-256-GCM encrypted. */
export const integrationSettings = pgTable(
  'integration_settings',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    capability: text('capability', { enum: capabilities }).notNull(),
    provider: text('provider', { enum: ['openai', 'openai_compatible', 'builtin'] }).notNull(),
    baseUrl: text('base_url'),
    model: text('model'),
    options: jsonb('options').$type<IntegrationOptions>().notNull().default({}),
    apiKeyEncrypted: text('api_key_encrypted'),
    apiKeyMask: text('api_key_mask'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.capability] })],
);
