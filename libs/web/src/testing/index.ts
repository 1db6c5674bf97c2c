export * from './html';
export * from './page-client';
