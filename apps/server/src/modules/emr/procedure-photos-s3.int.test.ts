import type { ProcedurePhoto } from '@glowdesk/contracts';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { createFileStore } from '../../platform/files/create-file-store.ts';
import { startLocalS3Server } from '../../testing/local-s3-server.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createChartingPractice, startProcedure } from './emr-test-support.ts';
import { uploadProcedurePhoto } from './procedure-photo-test-support.ts';

// Procedure photos kept in an S3-compatible bucket (s3rver on 127.0.0.1), configured as an
// operator would: the app writes and deletes the objects, and the bucket is read directly.
const s3 = await startLocalS3Server('glowdesk-photos');
const fileStore = loadConfig({
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: 'glowdesk-photos',
  S3_REGION: 'eu-west-1',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
}).fileStore;
const { app } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z'), config: { fileStore } });
const bucket = createFileStore(fileStore);
// The app itself is closed by createTestApp.
afterAll(async () => {
  bucket.close();
  await s3.close();
});

describe('procedure photos in an S3-compatible bucket', () => {
  it('stores the image and thumbnail as objects, and deleting the photo removes both', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await startProcedure(app, setup, '2026-03-03T15:00:00Z');
    const headers = setup.practice.owner.headers;
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08060' } })
      .jpeg()
      .toBuffer();
    const uploaded = await uploadProcedurePhoto(app, {
      headers,
      procedureId: procedure.id,
      fields: { kind: 'before' },
      file: { filename: 'IMG_0001.jpg', contentType: 'image/jpeg', bytes },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const photo = uploaded.json<ProcedurePhoto>();
    const folder = `practices/${setup.practice.practiceId}/procedure-photos/${photo.id}`;
    const keys = [`${folder}/image.jpg`, `${folder}/thumbnail.jpg`];
    for (const key of keys) expect(await bucket.fileStore.get(key), key).toBeInstanceOf(Buffer);

    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/procedures/${procedure.id}/photos/${photo.id}`, headers });
    expect(deleted.statusCode, deleted.body).toBe(204);
    for (const key of keys) expect(await bucket.fileStore.get(key), key).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: photo.imageUrl, headers })).statusCode).toBe(404);
  });
});
