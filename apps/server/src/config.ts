import { z } from 'zod';
import net from 'node:net';
import path from 'node:path';
import type { S3FileStoreConfig } from './platform/files/files.s3';

/** Log levels pino understands. */
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** An optional variable; set-but-empty (`FOO=` in a .env file) counts as unset. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * What a process does: `web` serves the API, the SPA, webhooks and the event stream;
 * `worker` claims jobs and runs timed jobs and dispatchers. One process does both by default.
 */
export const processRoles = ['web', 'worker'] as const;
export type ProcessRole = (typeof processRoles)[number];

/** True when a text is a 32-byte key in base64. */
const isKey = (v: string): boolean => Buffer.from(v, 'base64').length === 32;

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

/**
 * The environment, parsed once at start-up. Only bootstrap values live here;
 * everything an admin tunes lives in the database.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  KIANA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^(postgres|postgresql|sqlite):/.test(v) || v === ':memory:',
    {
      message: 'must start with postgres://, postgresql:// or sqlite:',
    },
  ),
  KIANA_MASTER_KEY: optionalText.refine((v) => v === undefined || isKey(v), {
    message: 'must be 32 bytes encoded in base64 (openssl rand -base64 32)',
  }),
  KIANA_MASTER_KEY_PREVIOUS: optionalText
    .transform((v) => (v === undefined ? [] : v.split(',').map((k) => k.trim())))
    .refine((keys) => keys.every(isKey), {
      message: 'must be a comma-separated list of 32-byte base64 keys',
    }),
  KIANA_TRUST_PROXY: optionalText.transform((v, ctx): TrustProxy => {
    const parsed = parseTrustProxy(v);
    if (parsed === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be off, a hop count (1-10), or a comma-separated list of proxy addresses or CIDRs (or loopback, linklocal, uniquelocal)',
      });
      return { mode: 'off' };
    }
    return parsed;
  }),
  KIANA_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  KIANA_GRAPH_URL: z.url().default('https://graph.facebook.com'),
  KIANA_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  KIANA_ADMIN_PASSWORD: z.string().optional(),
  KIANA_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  KIANA_SIMULATOR_CHATTER_MS: z.coerce.number().int().min(0).default(90_000),
  KIANA_ROLES: z
    .string()
    .default('web,worker')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== ''),
      ),
    ])
    .pipe(
      z
        .array(z.enum(processRoles), { message: 'must list web, worker or both (web,worker)' })
        .min(1, 'must list web, worker or both (web,worker)'),
    ),
  LOG_LEVEL: logLevel.default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty', '']).default('auto'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  KIANA_FILE_STORE: z.enum(['local', 's3']).default('local'),
  KIANA_S3_BUCKET: optionalText,
  KIANA_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  KIANA_S3_ENDPOINT: optionalText.pipe(z.url().optional()),
  KIANA_S3_FORCE_PATH_STYLE: flag,
  KIANA_S3_ACCESS_KEY_ID: optionalText,
  KIANA_S3_SECRET_ACCESS_KEY: optionalText,
  KIANA_S3_PREFIX: optionalText.refine((v) => v === undefined || /^[\w./-]+$/.test(v), {
    message: 'letters, digits, ".", "_", "-" and "/" only',
  }),
});

/** Cross-field rules, each reported under the variable to fix. */
const checkedConfigSchema = configSchema.superRefine((raw, ctx) => {
  if (raw.KIANA_FILE_STORE === 's3' && raw.KIANA_S3_BUCKET === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['KIANA_S3_BUCKET'],
      message: 'is required when KIANA_FILE_STORE=s3',
    });
  if ((raw.KIANA_S3_ACCESS_KEY_ID === undefined) !== (raw.KIANA_S3_SECRET_ACCESS_KEY === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['KIANA_S3_SECRET_ACCESS_KEY'],
      message: 'set both KIANA_S3_ACCESS_KEY_ID and KIANA_S3_SECRET_ACCESS_KEY, or neither',
    });
});

export type RawConfig = z.infer<typeof configSchema>;

/**
 * Which peers may set the client address and scheme (`X-Forwarded-For`, `-Proto`, `-Host`):
 * nobody by default, the N nearest hops, or the listed proxy addresses.
 */
export type TrustProxy =
  { mode: 'off' } | { mode: 'hops'; hops: number } | { mode: 'addresses'; addresses: string[] };

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(v: string): boolean {
  if (PROXY_NAMES.has(v) || net.isIP(v) !== 0) return true;
  const [ip, bits, extra] = v.split('/');
  if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits))
    return false;
  const family = net.isIP(ip);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Parses KIANA_TRUST_PROXY; null when it is none of the accepted forms. */
export function parseTrustProxy(v: string | undefined): TrustProxy | null {
  if (v === undefined || ['0', 'off', 'false', 'no'].includes(v.toLowerCase()))
    return { mode: 'off' };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? { mode: 'hops', hops } : null;
  }
  const addresses = v
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return addresses.length > 0 && addresses.every(isAddressOrCidr)
    ? { mode: 'addresses', addresses }
    : null;
}

/** Where the database lives, derived from DATABASE_URL. */
export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; connectionString: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  masterKey: string | undefined;
  /** Former values of KIANA_MASTER_KEY, kept for decryption while `kiana keys rotate` runs. */
  previousMasterKeys: string[];
  /** Proxies whose X-Forwarded-* headers are believed (KIANA_TRUST_PROXY); off by default. */
  trustProxy: TrustProxy;
  publicUrl: string | undefined;
  graphUrl: string;
  demo: boolean;
  adminPassword: string | undefined;
  simulatorPort: number;
  /** Demo mode: how often a simulated customer writes in (0 = never). */
  simulatorChatterMs: number;
  /** The roles of this process (KIANA_ROLES or `kiana start --roles`). */
  roles: ProcessRole[];
  logLevel: z.infer<typeof logLevel>;
  /** JSON lines for log collectors, or pino-pretty's readable lines for a terminal. */
  logFormat: LogFormat;
  env: RawConfig['NODE_ENV'];
  files: FilesConfig;
}

/** Where files live: the data directory, or an S3-compatible bucket shared by every process. */
export type FilesConfig = { kind: 'local' } | ({ kind: 's3' } & S3FileStoreConfig);

export type LogFormat = 'json' | 'pretty';

/**
 * Production logs are JSON lines (collectors parse them); demo and development runs are read
 * by a person in a terminal, so they are pretty-printed. LOG_FORMAT overrides the choice.
 */
export function chooseLogFormat(
  requested: 'auto' | 'json' | 'pretty' | '',
  demo: boolean,
  env: RawConfig['NODE_ENV'],
): LogFormat {
  if (requested === 'json' || requested === 'pretty') return requested;
  return demo || env === 'development' ? 'pretty' : 'json';
}

/** Thrown when the environment does not parse; lists every bad key at once. */
export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.key}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a Config or throws a ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = checkedConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        key: issue.path.join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  const raw = parsed.data;
  const dataDir = path.resolve(raw.KIANA_DATA_DIR);
  const database = databaseConfig(raw.DATABASE_URL, dataDir);
  if (database.dialect === 'sqlite' && raw.KIANA_ROLES.length < processRoles.length) {
    // Two processes on one SQLite file would both write it and neither would see the
    // other's events: split roles need PostgreSQL.
    throw new ConfigError([
      {
        key: 'KIANA_ROLES',
        message: `"${raw.KIANA_ROLES.join(',')}" needs PostgreSQL (DATABASE_URL=postgres://…); on SQLite one process runs both roles (KIANA_ROLES=web,worker, or kiana start without --roles)`,
      },
    ]);
  }
  return {
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    database,
    masterKey: raw.KIANA_MASTER_KEY,
    previousMasterKeys: raw.KIANA_MASTER_KEY_PREVIOUS,
    trustProxy: raw.KIANA_TRUST_PROXY,
    publicUrl: raw.KIANA_PUBLIC_URL,
    graphUrl: raw.KIANA_GRAPH_URL.replace(/\/+$/, ''),
    demo: raw.KIANA_DEMO,
    adminPassword: raw.KIANA_ADMIN_PASSWORD,
    simulatorPort: raw.KIANA_SIMULATOR_PORT,
    simulatorChatterMs: raw.KIANA_SIMULATOR_CHATTER_MS,
    roles: raw.KIANA_ROLES,
    logLevel: raw.LOG_LEVEL,
    logFormat: chooseLogFormat(raw.LOG_FORMAT, raw.KIANA_DEMO, raw.NODE_ENV),
    env: raw.NODE_ENV,
    files: filesConfig(raw),
  };
}

function filesConfig(raw: RawConfig): FilesConfig {
  if (raw.KIANA_FILE_STORE === 'local' || raw.KIANA_S3_BUCKET === undefined)
    return { kind: 'local' };
  const prefix = raw.KIANA_S3_PREFIX?.replace(/^\/+|\/+$/g, '') ?? '';
  return {
    kind: 's3',
    bucket: raw.KIANA_S3_BUCKET,
    region: raw.KIANA_S3_REGION,
    endpoint: raw.KIANA_S3_ENDPOINT,
    forcePathStyle: raw.KIANA_S3_FORCE_PATH_STYLE,
    credentials:
      raw.KIANA_S3_ACCESS_KEY_ID === undefined || raw.KIANA_S3_SECRET_ACCESS_KEY === undefined
        ? undefined
        : {
            accessKeyId: raw.KIANA_S3_ACCESS_KEY_ID,
            secretAccessKey: raw.KIANA_S3_SECRET_ACCESS_KEY,
          },
    prefix: prefix === '' ? '' : `${prefix}/`,
  };
}

function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined) return { dialect: 'sqlite', file: path.join(dataDir, 'kiana.db') };
  if (url === ':memory:') return { dialect: 'sqlite', file: ':memory:' };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { dialect: 'postgres', connectionString: url };
}
