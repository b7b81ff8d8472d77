export * from './system';
export * from './cloud-api';
