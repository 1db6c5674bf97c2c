export * from './import.service';
export * from './results.errors';
export * from './results.module';
export * from './results.service';
export * from './tally-runner.service';
export * from './pool-election';
