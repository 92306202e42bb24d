export * from './roles';
export * from './errors';
export * from './auth';
export * from './accounts';
export * from './tasks';
export * from './integrations';
