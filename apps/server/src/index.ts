export { buildApp, type KianaApp, type BuildAppOptions } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { startServer } from './server';
