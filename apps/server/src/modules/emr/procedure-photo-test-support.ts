import { randomUUID } from 'node:crypto';
import type { GlowdeskApp } from '../../app.ts';

/** A file part of a multipart body: `name` is the form field, `file` unless a test says otherwise. */
export interface FilePart {
  name?: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A multipart/form-data body as a browser's form sends it: the text fields, then the file. */
export function multipart(fields: Record<string, string>, file?: FilePart): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----glowdesk${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** `POST /api/v1/procedures/:id/photos` with the fields and file as multipart/form-data. */
export function uploadProcedurePhoto(
  app: GlowdeskApp,
  request: { headers: Record<string, string>; procedureId: string; fields: Record<string, string>; file: FilePart | undefined },
) {
  const body = multipart(request.fields, request.file);
  return app.inject({
    method: 'POST',
    url: `/api/v1/procedures/${request.procedureId}/photos`,
    headers: { ...request.headers, ...body.headers },
    payload: body.payload,
  });
}
