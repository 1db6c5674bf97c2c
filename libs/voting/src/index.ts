export * from './ballots/ballots.module';
export * from './ballots/identity-retention.service';
export * from './http/voting-http.module';
export * from './jobs/voting-jobs.module';
export * from './results/results.module';
export * from './voting.module';
export * from './results/index';
