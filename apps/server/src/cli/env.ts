import { ConfigError, loadConfig, type Config } from '../config';

/** Loads the config for a command, printing every bad key and exiting 2 when it fails. */
export function configOrExit(overrides: Record<string, string | undefined> = {}): Config {
  try {
    const env = { ...process.env };
    for (const [k, v] of Object.entries(overrides)) if (v !== undefined) env[k] = v;
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
