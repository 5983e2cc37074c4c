import type { FileStoreConfig } from '../config.ts';
import { createDataFolderFileStore } from './data-folder-file-store.ts';
import type { FileStore } from './file-store.ts';
import { createS3FileStore } from './s3-file-store.ts';

/** The file store the configuration names (`Config.fileStore`), with what ends it on shutdown. */
export function createFileStore(config: FileStoreConfig): { fileStore: FileStore; close(): void } {
  switch (config.store) {
    case 'data_folder':
      return { fileStore: createDataFolderFileStore(config.directory), close: () => undefined };
    case 's3': {
      const store = createS3FileStore(config);
      return { fileStore: store, close: () => store.close() };
    }
    default: {
      const unreachable: never = config;
      throw new Error(`unknown file store ${JSON.stringify(unreachable)}`);
    }
  }
}
