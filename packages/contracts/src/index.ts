export * from './system';
export * from './cloud-api';
export * from './auth';
export * from './privacy';
export * from './accounts';
export * from './templates';
export * from './webhooks';
export * from './conversations';
