export * from './database.module';
export * from './data-source-options';
export * from './embedded';
export * from './pglite-pool';
export * from './postgres-errors';
export { migrations } from './migrations';
export * from './sql-rows';
export * from './area-tree';
