/**
 * Where Glowdesk keeps files that are too large for a database row (procedure photos).
 * Two adapters: a folder on this machine (the default) and any S3-compatible bucket.
 *
 * Keys are paths of lower-case letters, digits and `._-` segments joined by `/`
 * (`practices/<id>/procedure-photos/<id>/image.jpg`); each adapter refuses any other key,
 * so a key can never climb out of its folder or bucket prefix.
 */
export interface FileStore {
  readonly store: 'data_folder' | 's3';
  /** Writes the bytes under the key, replacing what was there. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under the key; undefined when nothing is stored there. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes what is under the key; a key with nothing under it is not an error. */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Throws unless the key is a safe relative path (see FileStore). */
export function assertFileKey(key: string): void {
  if (key.length > 500 || !KEY_PATTERN.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`not a file store key: ${JSON.stringify(key)}`);
  }
}
