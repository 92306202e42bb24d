export * from './accounts';
export * from './auth';
export * from './tasks';
export * from './integrations';
export * from './planner';
export * from './writer';
export * from './audit';
export * from './email';
