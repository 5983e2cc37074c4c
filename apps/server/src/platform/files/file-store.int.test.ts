import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startLocalS3Server } from '../../testing/local-s3-server.ts';
import { createDataFolderFileStore } from './data-folder-file-store.ts';
import type { FileStore } from './file-store.ts';
import { createFileStore } from './create-file-store.ts';

const folder = await mkdtemp(join(tmpdir(), 'glowdesk-files-'));
const s3 = await startLocalS3Server('glowdesk-test');
// Configured the way an operator would: through the environment.
const s3Config = loadConfig({
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: 'glowdesk-test',
  S3_REGION: 'eu-west-1',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
}).fileStore;
const s3Store = createFileStore(s3Config);
afterAll(async () => {
  s3Store.close();
  await s3.close();
  await rm(folder, { recursive: true, force: true });
});

const adapters: [string, FileStore][] = [
  ['the data folder', createDataFolderFileStore(folder)],
  ['an S3-compatible bucket', s3Store.fileStore],
];

describe.each(adapters)('the file store in %s', (_name, store) => {
  it('gives back exactly the bytes it was given, and nothing once they are deleted', async () => {
    const key = `practices/${randomUUID()}/procedure-photos/${randomUUID()}/image.jpg`;
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 31) % 256));
    await store.put(key, bytes, 'image/jpeg');
    expect((await store.get(key))?.equals(bytes)).toBe(true);
    await store.put(key, Buffer.from('replaced'), 'image/jpeg');
    expect((await store.get(key))?.toString()).toBe('replaced');
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key);
  });

  it('answers undefined for a key never written', async () => {
    expect(await store.get(`practices/${randomUUID()}/missing.jpg`)).toBeUndefined();
  });

  it('refuses keys that could leave its folder or bucket prefix', async () => {
    for (const key of ['../escape.jpg', 'a/../../b.jpg', '/absolute.jpg', 'a//b.jpg', 'A/Upper.jpg', 'a/./b.jpg']) {
      await expect(store.put(key, Buffer.from('x'), 'image/jpeg'), key).rejects.toThrow(/not a file store key/);
      await expect(store.get(key), key).rejects.toThrow(/not a file store key/);
    }
  });
});

describe('the data folder store', () => {
  it('leaves no partial file behind after a write', async () => {
    const store = createDataFolderFileStore(folder);
    const practice = randomUUID();
    await store.put(`practices/${practice}/a.jpg`, Buffer.from('a'), 'image/jpeg');
    expect(await readdir(join(folder, 'practices', practice))).toEqual(['a.jpg']);
  });
});

describe('file store configuration', () => {
  it('keeps files in the data folder unless S3_BUCKET names a bucket', () => {
    expect(loadConfig({ GLOWDESK_DATA_DIR: '/srv/glowdesk' }).fileStore).toEqual({
      store: 'data_folder',
      directory: '/srv/glowdesk/files',
    });
    expect(loadConfig({ GLOWDESK_FILES_DIR: '/mnt/photos' }).fileStore).toEqual({ store: 'data_folder', directory: '/mnt/photos' });
    expect(s3Config).toEqual({
      store: 's3',
      bucket: 'glowdesk-test',
      region: 'eu-west-1',
      endpoint: s3.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });

  it('refuses half an S3 configuration, naming what is missing', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET is required/);
    expect(() => loadConfig({ S3_BUCKET: 'photos', S3_ACCESS_KEY_ID: 'key' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
  });
});
