import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FileStoreConfig } from '../config.ts';
import { assertFileKey, type FileStore } from './file-store.ts';

export type S3FileStoreSettings = Omit<Extract<FileStoreConfig, { store: 's3' }>, 'store'>;

export interface S3FileStore extends FileStore {
  /** Ends the client's kept-alive connections (the server calls it on shutdown). */
  close(): void;
}

/**
 * Files in an S3 bucket or any S3-compatible service (`endpoint`, addressed path-style).
 * Checksums are sent and checked only where S3 requires them: several S3-compatible
 * services refuse the SDK's default trailing checksums.
 */
export function createS3FileStore(settings: S3FileStoreSettings): S3FileStore {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    // A copy: the SDK writes into the credentials object it is given.
    ...(settings.credentials ? { credentials: { ...settings.credentials } } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const { bucket } = settings;
  return {
    store: 's3',
    async put(key, bytes, contentType) {
      assertFileKey(key);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      assertFileKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!object.Body) return undefined;
        return Buffer.from(await object.Body.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async delete(key) {
      assertFileKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    close() {
      client.destroy();
    },
  };
}
