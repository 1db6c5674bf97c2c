export * from './html';
export * from './page-client';
export * from './render';
