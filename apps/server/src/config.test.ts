import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: expect.stringMatching(/data[/\\]kiana\.db$/),
    });
    expect(config.graphUrl).toBe('https://graph.facebook.com');
    expect(config.logLevel).toBe('info');
    expect(config.masterKey).toBeUndefined();
  });

  it('chooses PostgreSQL for a postgres:// URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/kiana' });
    expect(config.database).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u@localhost:5432/kiana',
    });
  });

  it('names every bad key in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', KIANA_MASTER_KEY: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const keys = (caught as ConfigError).problems.map((p) => p.key).sort();
    expect(keys).toEqual(['KIANA_MASTER_KEY', 'LOG_LEVEL', 'PORT']);
    expect((caught as ConfigError).message).toContain('PORT');
    expect((caught as ConfigError).message).toContain('LOG_LEVEL');
  });

  it('treats empty variables as unset and checks every previous master key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      KIANA_PUBLIC_URL: '',
      DATABASE_URL: ' ',
      KIANA_MASTER_KEY: '',
      KIANA_MASTER_KEY_PREVIOUS: `${key}, ${key}`,
    });
    expect(config.publicUrl).toBeUndefined();
    expect(config.masterKey).toBeUndefined();
    expect(config.database.dialect).toBe('sqlite');
    expect(config.previousMasterKeys).toEqual([key, key]);
    expect(() => loadConfig({ KIANA_MASTER_KEY_PREVIOUS: `${key},short` })).toThrow(
      /KIANA_MASTER_KEY_PREVIOUS/,
    );
    expect(() => loadConfig({ KIANA_PUBLIC_URL: 'not a url' })).toThrow(/KIANA_PUBLIC_URL/);
  });

  it('trusts no proxy by default and parses a hop count or a proxy list', () => {
    expect(loadConfig({}).trustProxy).toEqual({ mode: 'off' });
    expect(loadConfig({ KIANA_TRUST_PROXY: '2' }).trustProxy).toEqual({ mode: 'hops', hops: 2 });
    expect(
      loadConfig({ KIANA_TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,loopback' }).trustProxy,
    ).toEqual({ mode: 'addresses', addresses: ['10.0.0.1', '172.16.0.0/12', 'loopback'] });
    for (const bad of ['true', '0.5', 'proxy.example', '10.0.0.0/40', '99'])
      expect(() => loadConfig({ KIANA_TRUST_PROXY: bad })).toThrow(/KIANA_TRUST_PROXY/);
  });

  it('runs both roles by default and splits them only on PostgreSQL, naming KIANA_ROLES otherwise', () => {
    expect(loadConfig({}).roles).toEqual(['web', 'worker']);
    const pg = 'postgres://u@localhost:5432/kiana';
    expect(loadConfig({ DATABASE_URL: pg, KIANA_ROLES: 'worker' }).roles).toEqual(['worker']);
    expect(loadConfig({ DATABASE_URL: pg, KIANA_ROLES: ' web , web ' }).roles).toEqual(['web']);
    expect(() => loadConfig({ KIANA_ROLES: 'worker' })).toThrow(/KIANA_ROLES.*PostgreSQL/s);
    expect(() => loadConfig({ DATABASE_URL: pg, KIANA_ROLES: 'cron' })).toThrow(/KIANA_ROLES/);
    expect(() => loadConfig({ DATABASE_URL: pg, KIANA_ROLES: ',' })).toThrow(/KIANA_ROLES/);
  });

  it('selects the file store: the data directory by default, a bucket with KIANA_FILE_STORE=s3', () => {
    expect(loadConfig({}).files).toEqual({ kind: 'local' });
    expect(
      loadConfig({
        KIANA_FILE_STORE: 's3',
        KIANA_S3_BUCKET: 'media',
        KIANA_S3_ENDPOINT: 'http://minio:9000',
        KIANA_S3_FORCE_PATH_STYLE: '1',
        KIANA_S3_ACCESS_KEY_ID: 'id',
        KIANA_S3_SECRET_ACCESS_KEY: 'secret',
        KIANA_S3_PREFIX: '/kiana/prod/',
      }).files,
    ).toEqual({
      kind: 's3',
      bucket: 'media',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      prefix: 'kiana/prod/',
    });
    expect(() => loadConfig({ KIANA_FILE_STORE: 's3' })).toThrow(/KIANA_S3_BUCKET/);
    expect(() =>
      loadConfig({ KIANA_FILE_STORE: 's3', KIANA_S3_BUCKET: 'b', KIANA_S3_ACCESS_KEY_ID: 'id' }),
    ).toThrow(/KIANA_S3_SECRET_ACCESS_KEY/);
  });
});
