export * from './system';
export * from './cloud-api';
export * from './auth';
export * from './privacy';
export * from './accounts';
export * from './webhooks';
export * from './conversations';
export * from './templates';
