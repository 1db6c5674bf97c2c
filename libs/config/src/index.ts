export * from './invocation';
