import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { checkFileKey, checkFilePrefix, toBuffer, type FileStore } from './files';

/** Where the objects live; see README → Files. */
export interface S3FileStoreConfig {
  bucket: string;
  region: string;
  /** For MinIO, R2 and other S3-compatible servers; absent for AWS S3. */
  endpoint?: string | undefined;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which MinIO and R2 need. */
  forcePathStyle: boolean;
  /** Static credentials; absent → the SDK's default chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Prepended to every key, so one bucket can serve several installations. */
  prefix: string;
}

const isNotFound = (error: unknown): boolean =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' ||
    error.name === 'NotFound' ||
    error.$metadata.httpStatusCode === 404);

/** Files as objects of one bucket, through the AWS SDK v3. */
export function createS3FileStore(config: S3FileStoreConfig): FileStore & { close(): void } {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
  });
  const Bucket = config.bucket;
  const objectKey = (key: string): string => `${config.prefix}${checkFileKey(key)}`;

  return {
    kind: 's3',
    async put(key, data, options = {}) {
      // A length is needed up front; the files stored here are bounded (media ≤ 100 MB).
      const body = await toBuffer(data);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: body,
          ContentLength: body.length,
          ContentType: options.contentType,
        }),
      );
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        if (out.Body === undefined) return undefined;
        return out.Body instanceof Readable
          ? out.Body
          : Readable.from(Buffer.from(await out.Body.transformToByteArray()));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async stat(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
        return { size: out.ContentLength ?? 0, modifiedAt: out.LastModified?.getTime() ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: `${config.prefix}${checkFilePrefix(prefix)}`,
            ContinuationToken: token,
          }),
        );
        for (const o of out.Contents ?? [])
          if (o.Key !== undefined) keys.push(o.Key.slice(config.prefix.length));
        token = out.IsTruncated === true ? out.NextContinuationToken : undefined;
      } while (token !== undefined);
      return keys;
    },
    close: () => client.destroy(),
  };
}
