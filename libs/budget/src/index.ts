export * from './budget.errors';
export * from './budget.module';
export * from './edition-rules';
export * from './editions.service';
export * from './http/budget-http.module';
export * from './phases';
export * from './projects.service';
export * from './reviews.service';
