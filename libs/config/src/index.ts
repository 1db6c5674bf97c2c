export * from './app-config';
export * from './clock';
export * from './config.module';
export { ConfigError, EnvironmentVariables, PRODUCTION_SECRETS } from './environment';
