export * from './accounts';
export * from './auth';
export * from './tasks';
export * from './integrations';
