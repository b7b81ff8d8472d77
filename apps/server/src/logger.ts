import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino blanks out in every log line. Secrets never reach a log: headers that
 * carry credentials, and any field whose name says it holds one.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'appSecret',
  'verifyToken',
  'secret',
  'totpSecret',
  'apiKey',
  'masterKey',
  'secretAccessKey',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.appSecret',
  '*.app_secret',
  '*.verifyToken',
  '*.secret',
  '*.totpSecret',
  '*.apiKey',
  '*.masterKey',
  '*.secretAccessKey',
];

export type { Logger };

/** Creates the process logger; `destination` lets tests capture every line. */
export function createLogger(
  level: LoggerOptions['level'],
  destination?: NodeJS.WritableStream,
): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'kiana' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
