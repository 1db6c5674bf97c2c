export * from './mail.module';
export * from './mail.types';
export * from './transports';
