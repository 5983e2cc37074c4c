import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text files worth compressing; source maps are left alone (production does not serve them). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(join(folder, entry.name)) : Promise.resolve([join(folder, entry.name)]))),
  );
  return nested.flat();
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip, level 9) next to every
 * compressible file of at least 1 KB under `folder`, skipping a copy that would not be smaller.
 * Returns the files it compressed.
 */
export async function precompressFolder(folder: string): Promise<string[]> {
  const candidates = (await filesUnder(folder)).filter((file) => COMPRESSIBLE.test(file));
  const compressed: string[] = [];
  await Promise.all(
    candidates.map(async (file) => {
      if ((await stat(file)).size < MIN_BYTES) return;
      const content = await readFile(file);
      const [asBrotli, asGzip] = await Promise.all([
        brotli(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
        gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      if (asBrotli.length < content.length) await writeFile(`${file}.br`, asBrotli);
      if (asGzip.length < content.length) await writeFile(`${file}.gz`, asGzip);
      compressed.push(file);
    }),
  );
  return compressed.sort();
}

/**
 * Compresses the finished build once, so the server sends brotli or gzip from disk instead
 * of compressing every response (or sending it uncompressed).
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'glowdesk:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressFolder(outDir);
    },
  };
}
