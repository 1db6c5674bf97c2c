export * from './create-test-app';
export * from './test-env';
export * from './wait';
