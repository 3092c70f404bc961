// Media in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, ...). Files are spooled to
// local disk first, so each object is sent with PutObject from a file stream whose length is
// known: no part of a file is held in memory and no multipart upload is needed (<= 100 MB).
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertSafeKey, type ByteRange, type MediaStorage, type StoredObject } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Absent: AWS itself. */
  endpoint: string | undefined;
  /** Absent: the AWS SDK's default credential chain (environment, instance role, ...). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** bucket in the path (most self-hosted servers) rather than in the host name. */
  forcePathStyle: boolean;
  spoolDir: string;
}

function isNotFound(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failure.name === 'NoSuchKey' || failure.name === 'NotFound' || failure.$metadata?.httpStatusCode === 404;
}

export class S3MediaStorage implements MediaStorage {
  readonly kind = 's3';
  readonly spoolDir: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    const clientConfig: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 demands them: newer default trailers are not spoken by every
      // S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (options.endpoint) clientConfig.endpoint = options.endpoint;
    if (options.accessKeyId && options.secretAccessKey) {
      clientConfig.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
    }
    this.client = new S3Client(clientConfig);
    this.bucket = options.bucket;
    this.spoolDir = options.spoolDir;
  }

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    assertSafeKey(key);
    try {
      if (await this.stat(key)) return;
      const { size } = await stat(path);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(path),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    } finally {
      await rm(path, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    assertSafeKey(key);
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      const body = response.Body;
      if (!(body instanceof Readable)) throw new Error('S3 answered without a Node.js stream body');
      // Content-Range is "bytes start-end/size"; without a range the length is the size.
      const total = response.ContentRange ? Number(response.ContentRange.split('/')[1]) : response.ContentLength;
      return { body, size: total ?? 0, range };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    assertSafeKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's connections (tests; a server keeps it for its lifetime). */
  close(): void {
    this.client.destroy();
  }
}
