export * from './job-processor.decorator';
export * from './job-registry';
export * from './outbox.service';
