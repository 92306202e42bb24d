import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { OutboundPolicy } from '../../net/outbound';
import type { FileStorage } from '../../storage/files';
import type { Tasks } from '../tasks/service';
import { Dispatcher } from './dispatcher';
import { Publisher } from './publisher';
import { PublishingSetup } from './service';

/** The publishing module as the runtime holds it: setup (destinations, settings, workflow), the publisher, the dispatcher. */
export class Publishing {
  readonly setup: PublishingSetup;
  readonly publisher: Publisher;
  readonly dispatcher: Dispatcher;

  constructor(deps: {
    config: Config;
    database: Database;
    tasks: Tasks;
    storage: FileStorage;
    outbound: OutboundPolicy;
    log: FastifyBaseLogger;
  }) {
    this.setup = new PublishingSetup({ db: deps.database.db, config: deps.config, outbound: deps.outbound });
    this.publisher = new Publisher({ ...deps, setup: this.setup });
    this.dispatcher = new Dispatcher(this.publisher, deps.log);
  }
}
