import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** An S3-compatible server for one test file: loopback, a temporary directory, one bucket. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** The environment that points the app's file store at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts s3rver in-process on a free loopback port. */
export async function startTestS3(bucket = 'kiana-test'): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      KIANA_FILE_STORE: 's3',
      KIANA_S3_BUCKET: bucket,
      KIANA_S3_ENDPOINT: endpoint,
      KIANA_S3_FORCE_PATH_STYLE: '1',
      // s3rver's built-in credentials.
      KIANA_S3_ACCESS_KEY_ID: 'S3RVER',
      KIANA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
