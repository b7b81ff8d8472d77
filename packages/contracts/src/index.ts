export * from './system';
export * from './cloud-api';
export * from './accounts';
