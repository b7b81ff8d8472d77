export * from './error.schema';
export * from './send.schema';
export * from './webhook.schema';
export * from './templates.schema';
export * from './phone-numbers.schema';
