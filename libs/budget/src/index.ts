export * from './attachments.service';
export * from './authors.service';
export * from './ballot.service';
export * from './cost-corrections.service';
export * from './budget.errors';
export * from './budget.module';
export * from './edition-rules';
export * from './editions.service';
export * from './http/budget-http.module';
export * from './implementation.service';
export * from './jobs/budget-jobs.module';
export * from './merges.service';
export * from './phases';
export * from './projects.service';
export * from './reviews.service';
export * from './web/budget-web.module';
// The repositories other domains reach the budget's tables through (the vote, its results and the import of an
// election), each method taking the caller's EntityManager where it joins a transaction.
export { BallotRepository, type NewBallotList } from './ballot.repository';
export { EditionRepository, type EditionSchedule, type EditionLabel } from './edition.repository';
export { type PoolHead, PoolRepository, type PoolWithAmount } from './pool.repository';
export { type BallotProjectCode, type ImportedProject, type OnBallotProject, type ProjectCode, ProjectRepository } from './project.repository';
