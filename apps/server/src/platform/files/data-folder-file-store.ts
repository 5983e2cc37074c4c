import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertFileKey, type FileStore } from './file-store.ts';

/**
 * Files in a folder on this machine (GLOWDESK_FILES_DIR, by default `files` in the data
 * folder). A write goes to a temporary name and is renamed into place, so a reader never
 * sees half a file.
 */
export function createDataFolderFileStore(directory: string): FileStore {
  const pathOf = (key: string) => {
    assertFileKey(key);
    return join(directory, ...key.split('/'));
  };
  return {
    store: 'data_folder',
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomUUID()}.partial`;
      try {
        await writeFile(partial, bytes, { mode: 0o600 });
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
