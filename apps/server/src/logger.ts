import { pino, type Logger, type LoggerOptions } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { LogFormat } from './config';

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

/**
 * A request URL as logged: the path and the names of its query parameters, never their
 * values — searches carry customers' phone numbers, names and emails.
 */
export function loggedUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = [...new URLSearchParams(url.slice(at + 1)).keys()];
  return `${url.slice(0, at)}?${names.map((n) => `${n.slice(0, 40)}=…`).join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  socket?: { remoteAddress?: string };
}

/**
 * Creates the process logger; `destination` lets tests capture every line. `pretty` formats
 * in-process (no worker thread) after pino has applied redaction and serializers, so a
 * readable line hides exactly what a JSON line hides.
 */
export function createLogger(
  level: LoggerOptions['level'],
  destination?: NodeJS.WritableStream,
  format: LogFormat = 'json',
): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: loggedUrl(req.url),
        remoteAddress: req.socket?.remoteAddress,
      }),
    },
    base: { service: 'kiana' },
  };
  if (format === 'pretty') {
    const stream = PinoPretty({
      destination: destination ?? process.stdout,
      colorize: destination === undefined && process.stdout.isTTY,
      ignore: 'pid,hostname,service',
      translateTime: 'SYS:HH:MM:ss.l',
      sync: true,
    });
    return pino(options, stream);
  }
  return destination === undefined ? pino(options) : pino(options, destination);
}
