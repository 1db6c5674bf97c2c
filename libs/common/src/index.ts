export * from './domain-error';
export * from './i18n';
export * from './problem';
export * from './problem.filter';
export * from './request-id';
export * from './validation';
export * from './readiness';
export * from './logger';
