import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PaperworkAssignment, Procedure, ProcedurePhoto, ProcedureType } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sqlStateOf } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp, setProvidersManageAllAppointments } from '../../testing/test-app.ts';
import { changePaperworkStatusWithin } from '../paperwork/index.ts';
import { assignPaperwork, attachPaperwork, createConsent } from '../paperwork/paperwork-test-builders.ts';
import { bookVisit, createChartingPractice, postProcedure, startProcedure, type ChartingPractice } from './emr-test-support.ts';
import { uploadProcedurePhoto, type FilePart } from './procedure-photo-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database, config } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

/** A JPEG as a phone writes it: camera make, GPS position and a 90° orientation in its EXIF. */
async function phonePhoto(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c08060' } })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'GlowPhone', Model: 'Test 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 44/1 30/1', GPSLongitudeRef: 'W', GPSLongitude: '73/1 59/1 10/1' },
    })
    .jpeg()
    .toBuffer();
}

/** Whether a TIFF-structured EXIF block's first IFD points at a GPS IFD (tag 0x8825). */
function exifHasGps(exif: Buffer): boolean {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  for (let entry = 0; entry < u16(ifd); entry += 1) if (u16(ifd + 2 + entry * 12) === 0x8825) return true;
  return false;
}

function uploadPhoto(headers: Record<string, string>, procedureId: string, fields: Record<string, string>, file: FilePart | undefined) {
  return uploadProcedurePhoto(app, { headers, procedureId, fields, file });
}

async function jpegFile(): Promise<FilePart> {
  return { filename: 'IMG_0001.jpg', contentType: 'image/jpeg', bytes: await phonePhoto() };
}

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  body: object,
) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json()).toMatchObject(body);
}

async function auditActions(practiceId: string, objectId: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
  const rows = await inPractice(database, practiceId, (tx) =>
    tx.execute(sql`select action, details from audit_events where object_id = ${objectId} order by occurred_at, id`),
  );
  return rows.rows as { action: string; details: Record<string, unknown> }[];
}

let slot = 0;
/**
 * A procedure on a new visit of its own, on the hour from 10:00 to 16:00 in New York (within
 * the provider's working day): consecutive visits, as one test books them, never overlap.
 */
function newProcedure(setup: ChartingPractice): Promise<Procedure> {
  slot = (slot % 7) + 1;
  return startProcedure(app, setup, new Date(Date.parse('2026-03-03T14:00:00Z') + slot * 3_600_000).toISOString());
}

describe('uploading a procedure photo', () => {
  it('stores a before photo re-encoded without EXIF or GPS, orientation applied, with a thumbnail, and lists it', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const original = await phonePhoto(640, 480);
    const originalMetadata = await sharp(original).metadata();
    expect(originalMetadata.exif && exifHasGps(originalMetadata.exif)).toBe(true);

    const response = await uploadPhoto(
      setup.practice.owner.headers,
      procedure.id,
      { kind: 'before', caption: 'Frontal, relaxed' },
      {
        filename: 'IMG_0001.jpg',
        contentType: 'image/jpeg',
        bytes: original,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const photo = response.json<ProcedurePhoto>();
    // The camera's 90° orientation is applied to the pixels: 640×480 stored as 480×640.
    expect(photo).toMatchObject({ procedureId: procedure.id, kind: 'before', caption: 'Frontal, relaxed', width: 480, height: 640 });
    expect(photo.consentAssignmentId).toBeNull();

    const image = await app.inject({ method: 'GET', url: photo.imageUrl, headers: setup.practice.owner.headers });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const stored = await sharp(image.rawPayload).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.iptc).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(image.rawPayload.includes(Buffer.from('GlowPhone'))).toBe(false);

    const thumbnail = await app.inject({ method: 'GET', url: photo.thumbnailUrl, headers: setup.practice.owner.headers });
    expect(thumbnail.statusCode).toBe(200);
    const thumbnailMetadata = await sharp(thumbnail.rawPayload).metadata();
    expect(thumbnailMetadata).toMatchObject({ format: 'jpeg', width: 360, height: 480 });
    expect(thumbnailMetadata.exif).toBeUndefined();

    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/procedures/${procedure.id}/photos`,
      headers: setup.practice.owner.headers,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: ProcedurePhoto[] }>().items).toEqual([photo]);

    // The bytes live in the file store (the test's data folder), under the practice.
    if (config.fileStore.store !== 'data_folder') throw new Error('the tests store files in a folder');
    const onDisk = await readFile(
      join(config.fileStore.directory, 'practices', setup.practice.practiceId, 'procedure-photos', photo.id, 'image.jpg'),
    );
    expect(onDisk.equals(image.rawPayload)).toBe(true);
  });

  it('keeps the photos of a chart in the order they were added, before and after', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const provider = await setup.practice.signInAs('provider');
    for (const kind of ['before', 'after']) {
      const response = await uploadPhoto(provider.headers, procedure.id, { kind }, await jpegFile());
      expect(response.statusCode, response.body).toBe(201);
    }
    const listed = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers: provider.headers });
    expect(listed.json<{ items: ProcedurePhoto[] }>().items.map((photo) => [photo.kind, photo.createdBy.displayName])).toEqual([
      ['before', 'Test provider'],
      ['after', 'Test provider'],
    ]);
  });

  it('refuses a file that is not an image whatever its name and type say, and stores nothing', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const headers = setup.practice.owner.headers;
    const disguised = { filename: 'photo.jpg', contentType: 'image/jpeg', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') };
    expectProblem(await uploadPhoto(headers, procedure.id, { kind: 'before' }, disguised), 400, { code: 'not_an_image', field: 'file' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expectProblem(
      await uploadPhoto(headers, procedure.id, { kind: 'before' }, { filename: 'a.jpg', contentType: 'image/jpeg', bytes: svg }),
      400,
      {
        code: 'not_an_image',
      },
    );
    const truncated = (await phonePhoto(640, 480)).subarray(0, 400);
    expectProblem(
      await uploadPhoto(headers, procedure.id, { kind: 'before' }, { filename: 'a.jpg', contentType: 'image/jpeg', bytes: truncated }),
      400,
      {
        code: 'not_an_image',
      },
    );
    const rows = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select count(*)::int as n from procedure_photos`),
    );
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('refuses a photo over the size limit with a 413 that states the limit', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const tooLarge = { filename: 'huge.jpg', contentType: 'image/jpeg', bytes: Buffer.alloc(15 * 1024 * 1024 + 1, 0xff) };
    const response = await uploadPhoto(setup.practice.owner.headers, procedure.id, { kind: 'after' }, tooLarge);
    expectProblem(response, 413, { code: 'photo_too_large', field: 'file', maxBytes: 15 * 1024 * 1024 });
    expect(response.json<{ detail: string }>().detail).toContain('15 MB');
  });

  it('refuses a missing file, a missing or unknown kind, and an unexpected field, naming the field', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const headers = setup.practice.owner.headers;
    expectProblem(await uploadPhoto(headers, procedure.id, { kind: 'before' }, undefined), 400, { field: 'file' });
    expectProblem(await uploadPhoto(headers, procedure.id, {}, await jpegFile()), 400, { field: 'kind' });
    expectProblem(await uploadPhoto(headers, procedure.id, { kind: 'during' }, await jpegFile()), 400, { field: 'kind' });
    expectProblem(await uploadPhoto(headers, procedure.id, { kind: 'before', patientId: 'x' }, await jpegFile()), 400, {
      field: 'patientId',
    });
    const json = await app.inject({
      method: 'POST',
      url: `/api/v1/procedures/${procedure.id}/photos`,
      headers,
      payload: { kind: 'before' },
    });
    expect(json.statusCode).toBe(400);
  });

  it('answers 404 for another practice’s procedure and photo, and 403 to front desk', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const uploaded = await uploadPhoto(setup.practice.owner.headers, procedure.id, { kind: 'before' }, await jpegFile());
    const photo = uploaded.json<ProcedurePhoto>();
    const elsewhere = await createChartingPractice(app);
    const theirHeaders = elsewhere.practice.owner.headers;
    expectProblem(await uploadPhoto(theirHeaders, procedure.id, { kind: 'after' }, await jpegFile()), 404, { field: 'procedureId' });
    expectProblem(await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers: theirHeaders }), 404, {
      field: 'procedureId',
    });
    for (const url of [photo.imageUrl, photo.thumbnailUrl]) {
      expectProblem(await app.inject({ method: 'GET', url, headers: theirHeaders }), 404, { field: 'photoId' });
    }
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await uploadPhoto(frontDesk.headers, procedure.id, { kind: 'after' }, await jpegFile())).statusCode).toBe(403);
    for (const url of [`/api/v1/procedures/${procedure.id}/photos`, photo.imageUrl, photo.thumbnailUrl]) {
      expect((await app.inject({ method: 'GET', url, headers: frontDesk.headers })).statusCode, url).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: photo.imageUrl })).statusCode).toBe(401);
    // A provider limited to their own clients opens no other client's photos.
    const provider = await setup.practice.signInAs('provider');
    expectProblem(await app.inject({ method: 'GET', url: photo.imageUrl, headers: provider.headers }), 403, { code: 'not_your_client' });
  });

  it('refuses a photo on a signed chart with 409, and the database refuses one inserted directly', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const headers = setup.practice.owner.headers;
    const before = await uploadPhoto(headers, procedure.id, { kind: 'before' }, await jpegFile());
    expect(before.statusCode).toBe(201);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expectProblem(await uploadPhoto(headers, procedure.id, { kind: 'after' }, await jpegFile()), 409, {
      code: 'chart_signed',
      field: 'procedureId',
    });
    const { practiceId } = setup.practice;
    const photoId = before.json<ProcedurePhoto>().id;
    // Directly, as the database owner (no row-level security, every grant): the trigger refuses both.
    const lockedState = async (statement: ReturnType<typeof sql>) => {
      try {
        await database.transaction((tx) => tx.execute(statement));
        return 'written';
      } catch (error) {
        return sqlStateOf(error);
      }
    };
    expect(
      await lockedState(sql`update procedure_photos set caption = 'changed' where practice_id = ${practiceId} and id = ${photoId}`),
    ).toBe('55000');
    expect(
      await lockedState(sql`insert into procedure_photos (practice_id, procedure_id, kind, image_key, image_sha256, width, height, byte_size,
          thumbnail_key, thumbnail_width, thumbnail_height, created_at, created_by)
          values (${practiceId}, ${procedure.id}, 'after', 'k', ${'0'.repeat(64)}, 1, 1, 1, 't', 1, 1, now(), ${setup.practice.owner.id})`),
    ).toBe('55000');
    const listed = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers });
    expect(listed.json<{ items: ProcedurePhoto[] }>().items).toHaveLength(1);
  });

  it('audits every list and every image and thumbnail read, with the patient', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const provider = await setup.practice.signInAs('provider');
    const photo = (await uploadPhoto(provider.headers, procedure.id, { kind: 'before' }, await jpegFile())).json<ProcedurePhoto>();
    await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers: provider.headers });
    await app.inject({ method: 'GET', url: photo.imageUrl, headers: provider.headers });
    await app.inject({ method: 'GET', url: photo.thumbnailUrl, headers: provider.headers });
    const { practiceId } = setup.practice;
    expect(await auditActions(practiceId, photo.id)).toEqual([
      { action: 'procedure_photo.create', details: expect.objectContaining({ procedureId: procedure.id, patientId: setup.patientId }) },
      { action: 'procedure_photo.read', details: expect.objectContaining({ patientId: setup.patientId, variant: 'image' }) },
      { action: 'procedure_photo.read', details: expect.objectContaining({ patientId: setup.patientId, variant: 'thumbnail' }) },
    ]);
    const lists = (await auditActions(practiceId, procedure.id)).filter((event) => event.action === 'procedure_photo.list');
    expect(lists).toEqual([
      { action: 'procedure_photo.list', details: expect.objectContaining({ patientId: setup.patientId, photos: 1 }) },
    ]);
  });
});

describe('HEIC, the iPhone camera’s format', () => {
  /** A real HEIC (HEVC-coded HEIF, 32×24, written by libheif's heif-enc with x265) as an iPhone sends it. */
  const heicFile = async (): Promise<FilePart> => ({
    filename: 'IMG_0002.HEIC',
    contentType: 'image/heic',
    bytes: await readFile(new URL('./test-files/hevc-32x24.heic', import.meta.url)),
  });

  it('refuses a HEIC photo with a 415 naming the file and saying to export it as JPEG or PNG, storing nothing', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const headers = setup.practice.owner.headers;
    const heic = await heicFile();
    // The header reads as HEIF with HEVC compression; this install's sharp has no HEVC decoder.
    expect(await sharp(heic.bytes).metadata()).toMatchObject({ format: 'heif', compression: 'hevc' });
    const response = await uploadPhoto(headers, procedure.id, { kind: 'before' }, heic);
    expectProblem(response, 415, { code: 'unsupported_image_format', field: 'file', format: 'heic' });
    expect(response.json<{ detail: string }>().detail).toMatch(/HEIC.*Export it as JPEG or PNG/);

    // Only the first box, as a file cut short after its header: refused the same way, not as a 500.
    const ftyp = Buffer.alloc(24);
    ftyp.writeUInt32BE(24, 0);
    ftyp.write('ftypheic', 4, 'latin1');
    ftyp.write('mif1heic', 16, 'latin1');
    expectProblem(
      await uploadPhoto(headers, procedure.id, { kind: 'after' }, { filename: 'x.heic', contentType: 'image/heic', bytes: ftyp }),
      415,
      { code: 'unsupported_image_format', field: 'file' },
    );
    // Named .jpg and sent as image/jpeg: the bytes decide.
    expectProblem(
      await uploadPhoto(headers, procedure.id, { kind: 'after' }, { ...heic, filename: 'a.jpg', contentType: 'image/jpeg' }),
      415,
      {
        code: 'unsupported_image_format',
      },
    );
    const rows = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute(sql`select count(*)::int as n from procedure_photos`),
    );
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('accepts AVIF (AV1-coded HEIF) and stores it as a JPEG', async () => {
    const setup = await createChartingPractice(app);
    const procedure = await newProcedure(setup);
    const avif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a07050' } })
      .avif()
      .toBuffer();
    const response = await uploadPhoto(
      setup.practice.owner.headers,
      procedure.id,
      { kind: 'before' },
      {
        filename: 'photo.avif',
        contentType: 'image/avif',
        bytes: avif,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const image = await app.inject({ method: 'GET', url: response.json<ProcedurePhoto>().imageUrl, headers: setup.practice.owner.headers });
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 40, height: 30 });
  });
});

describe('deleting a procedure photo', () => {
  const photoUrl = (procedureId: string, photoId: string) => `/api/v1/procedures/${procedureId}/photos/${photoId}`;
  const deletePhoto = (headers: Record<string, string>, procedureId: string, photoId: string) =>
    app.inject({ method: 'DELETE', url: photoUrl(procedureId, photoId), headers });

  function storedPath(practiceId: string, photoId: string, file: 'image.jpg' | 'thumbnail.jpg'): string {
    if (config.fileStore.store !== 'data_folder') throw new Error('the tests store files in a folder');
    return join(config.fileStore.directory, 'practices', practiceId, 'procedure-photos', photoId, file);
  }
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );

  async function chartWithPhotos(setup: ChartingPractice, headers: Record<string, string>) {
    const procedure = await newProcedure(setup);
    const uploaded: ProcedurePhoto[] = [];
    for (const kind of ['before', 'after']) {
      const response = await uploadPhoto(headers, procedure.id, { kind, caption: `${kind} frontal` }, await jpegFile());
      expect(response.statusCode, response.body).toBe(201);
      uploaded.push(response.json<ProcedurePhoto>());
    }
    const [before, after] = uploaded as [ProcedurePhoto, ProcedurePhoto];
    return { procedure, before, after };
  }

  it('removes the photo, its image and thumbnail from the file store, audits it, and the chart lists only the rest', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const { procedure, before, after } = await chartWithPhotos(setup, headers);
    const { practiceId } = setup.practice;
    for (const file of ['image.jpg', 'thumbnail.jpg'] as const) expect(await exists(storedPath(practiceId, before.id, file))).toBe(true);
    const versionBefore = (await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers })).json<Procedure>()
      .version;

    const response = await deletePhoto(headers, procedure.id, before.id);
    expect(response.statusCode, response.body).toBe(204);
    expect(response.body).toBe('');

    for (const file of ['image.jpg', 'thumbnail.jpg'] as const) expect(await exists(storedPath(practiceId, before.id, file))).toBe(false);
    expect(await exists(storedPath(practiceId, after.id, 'image.jpg'))).toBe(true);
    // The files went at once: none is left for the cleanup job.
    const pending = await inPractice(database, practiceId, (tx) => tx.execute(sql`select count(*)::int as n from photo_file_deletions`));
    expect(pending.rows[0]).toEqual({ n: 0 });
    const listed = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers });
    expect(listed.json<{ items: ProcedurePhoto[] }>().items.map((photo) => photo.id)).toEqual([after.id]);
    for (const url of [before.imageUrl, before.thumbnailUrl]) {
      expectProblem(await app.inject({ method: 'GET', url, headers }), 404, { field: 'photoId' });
    }
    // A deletion is a chart edit: the chart's version moves, as for an upload.
    const chart = (await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers })).json<Procedure>();
    expect(chart.version).toBe(versionBefore + 1);
    const audit = await auditActions(practiceId, before.id);
    expect(audit.at(-1)).toEqual({
      action: 'procedure_photo.delete',
      details: expect.objectContaining({ procedureId: procedure.id, patientId: setup.patientId, kind: 'before' }),
    });
    // Deleted once: a second deletion finds nothing.
    expectProblem(await deletePhoto(headers, procedure.id, before.id), 404, { field: 'photoId' });
  });

  it('is the chart’s to delete: owner, admin and a provider who may open the chart; front desk 403; other clients 403', async () => {
    const setup = await createChartingPractice(app);
    const { procedure, before, after } = await chartWithPhotos(setup, setup.practice.owner.headers);
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await deletePhoto(frontDesk.headers, procedure.id, before.id)).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: photoUrl(procedure.id, before.id) })).statusCode).toBe(401);
    const provider = await setup.practice.signInAs('provider');
    expectProblem(await deletePhoto(provider.headers, procedure.id, before.id), 403, { code: 'not_your_client' });
    await setProvidersManageAllAppointments(app, setup.practice, true);
    expect((await deletePhoto(provider.headers, procedure.id, before.id)).statusCode).toBe(204);
    const admin = await setup.practice.signInAs('admin');
    expect((await deletePhoto(admin.headers, procedure.id, after.id)).statusCode).toBe(204);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/procedures/${procedure.id}/photos`,
      headers: setup.practice.owner.headers,
    });
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('answers 404 for an unknown photo, another chart’s photo and another practice’s, deleting nothing', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const { procedure, before } = await chartWithPhotos(setup, headers);
    const otherChart = await newProcedure(setup);
    expectProblem(await deletePhoto(headers, procedure.id, randomUUID()), 404, { field: 'photoId' });
    expectProblem(await deletePhoto(headers, otherChart.id, before.id), 404, { field: 'photoId' });
    expectProblem(await deletePhoto(headers, randomUUID(), before.id), 404, { field: 'procedureId' });
    expectProblem(await deletePhoto(headers, procedure.id, 'not-an-id'), 400, { field: 'photoId' });
    const elsewhere = await createChartingPractice(app);
    expectProblem(await deletePhoto(elsewhere.practice.owner.headers, procedure.id, before.id), 404, { field: 'procedureId' });
    const theirChart = await newProcedure(elsewhere);
    expectProblem(await deletePhoto(elsewhere.practice.owner.headers, theirChart.id, before.id), 404, { field: 'photoId' });
    const listed = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers });
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect(await exists(storedPath(setup.practice.practiceId, before.id, 'image.jpg'))).toBe(true);
  });

  it('refuses to delete a signed chart’s photo with 409, keeping its files, and the database refuses a direct DELETE', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const { procedure, before } = await chartWithPhotos(setup, headers);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expectProblem(await deletePhoto(headers, procedure.id, before.id), 409, { code: 'chart_signed', field: 'procedureId' });
    const { practiceId } = setup.practice;
    for (const file of ['image.jpg', 'thumbnail.jpg'] as const) expect(await exists(storedPath(practiceId, before.id, file))).toBe(true);

    const refusal = async (work: () => Promise<unknown>) => {
      try {
        await work();
        return 'deleted';
      } catch (error) {
        return sqlStateOf(error);
      }
    };
    const statement = sql`delete from procedure_photos where practice_id = ${practiceId} and id = ${before.id}`;
    // As the application's role (which holds the DELETE grant, under row-level security) and as the database owner.
    expect(await refusal(() => inPractice(database, practiceId, (tx) => tx.execute(statement)))).toBe('55000');
    expect(await refusal(() => database.transaction((tx) => tx.execute(statement)))).toBe('55000');
    const listed = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers });
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('deletes an unsigned chart’s photo by direct SQL as the application role (the grant of migration 0043)', async () => {
    const setup = await createChartingPractice(app);
    const { before } = await chartWithPhotos(setup, setup.practice.owner.headers);
    const { practiceId } = setup.practice;
    const result = await inPractice(database, practiceId, (tx) =>
      tx.execute(sql`delete from procedure_photos where practice_id = ${practiceId} and id = ${before.id} returning id`),
    );
    expect(result.rows).toEqual([{ id: before.id }]);
  });
});

describe('photo consent', () => {
  async function typeRequiringConsent(setup: ChartingPractice, consentId: string): Promise<ProcedureType> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers: setup.practice.owner.headers,
      payload: { name: `Laser ${randomUUID().slice(0, 6)}`, sections: ['clinical_notes', 'photos'], photoConsentTemplateId: consentId },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ProcedureType>();
  }

  it('refuses photos until the patient signs the consent the type requires, then links each photo to the signature', async () => {
    const setup = await createChartingPractice(app);
    const consent = await createConsent(app, setup.practice, { name: 'Photo release', requiresSignature: true });
    const type = await typeRequiringConsent(setup, consent.id);
    expect(type.photoConsentTemplateId).toBe(consent.id);
    const appointmentId = await bookVisit(app, setup, '2026-03-03T20:00:00Z');
    const created = await postProcedure(app, setup.practice.owner.headers, {
      patientId: setup.patientId,
      procedureTypeId: type.id,
      appointmentId,
    });
    const procedure = created.json<Procedure>();

    const refused = await uploadPhoto(setup.practice.owner.headers, procedure.id, { kind: 'before' }, await jpegFile());
    expectProblem(refused, 409, { code: 'photo_consent_not_signed', field: 'procedureId', consentTemplateId: consent.id });
    expect(refused.json<{ detail: string }>().detail).toContain('Photo release');

    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const assigned = await assignPaperwork(app, setup.practice, appointmentId);
    const assignment = assigned.items.find((item: PaperworkAssignment) => item.templateId === consent.id);
    if (!assignment) throw new Error('the consent was not assigned');
    await inPractice(database, setup.practice.practiceId, (tx) =>
      changePaperworkStatusWithin(tx, setup.practice.practiceId, { assignmentId: assignment.id, status: 'signed' }),
    );
    const accepted = await uploadPhoto(setup.practice.owner.headers, procedure.id, { kind: 'before' }, await jpegFile());
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json<ProcedurePhoto>().consentAssignmentId).toBe(assignment.id);
  });

  it('is a consent template of the practice: another kind of form or another practice’s consent is a 404', async () => {
    const setup = await createChartingPractice(app);
    const elsewhere = await createChartingPractice(app);
    const theirConsent = await createConsent(app, elsewhere.practice);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers: setup.practice.owner.headers,
      payload: { name: 'IPL', photoConsentTemplateId: theirConsent.id },
    });
    expectProblem(response, 404, { field: 'photoConsentTemplateId' });
  });
});

describe('the photos section of a procedure type', () => {
  it('refuses a photo with 400 on a chart whose type has no photos section, storing nothing', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const type = await app.inject({
      method: 'POST',
      url: '/api/v1/procedure-types',
      headers,
      payload: { name: 'Chemical peel', sections: ['clinical_notes'] },
    });
    expect(type.statusCode, type.body).toBe(201);
    const appointmentId = await bookVisit(app, setup, '2026-03-04T15:00:00Z');
    const created = await postProcedure(app, headers, {
      patientId: setup.patientId,
      procedureTypeId: type.json<ProcedureType>().id,
      appointmentId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const procedure = created.json<Procedure>();
    const response = await uploadPhoto(headers, procedure.id, { kind: 'before' }, await jpegFile());
    expectProblem(response, 400, { field: 'procedureId', code: 'section_not_in_type' });
    expect(response.json<{ detail: string }>().detail).toContain('Chemical peel has no photos section');
    const listed = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}/photos`, headers });
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
