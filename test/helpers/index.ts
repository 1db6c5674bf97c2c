export * from './create-test-app';
export * from './create-test-module';
export * from './test-env';
export * from './wait';
export * from './refusal';
