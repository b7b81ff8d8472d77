/** The subset of a pino logger the simulator uses; pino's `Logger` satisfies it. */
export interface SimLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

const noop = (): void => {};

/** A logger that drops everything (the default: tests and benchmarks stay quiet). */
export const silentLogger: SimLogger = { info: noop, warn: noop, error: noop, debug: noop };
