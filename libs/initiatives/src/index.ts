export * from './applications.service';
export * from './initiatives.errors';
export * from './initiatives.module';
export * from './programmes.service';
export * from './task-areas';
export * from './http/initiatives-http.module';
export * from './agreement.service';
export * from './review.service';
