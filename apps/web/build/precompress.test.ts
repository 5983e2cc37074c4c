import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompressFolder } from './precompress.ts';

describe('precompressFolder', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'glowdesk-precompress-'));
    mkdirSync(join(folder, 'assets'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes brotli and gzip copies that decode to the file, for scripts, styles and pages in every folder', async () => {
    const script = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, index) => `row ${index}`))};\n`;
    writeFileSync(join(folder, 'assets/index-abc.js'), script);
    writeFileSync(join(folder, 'assets/index-abc.css'), '.card { color: #495057; }\n'.repeat(100));
    writeFileSync(join(folder, 'index.html'), `<!doctype html>${'<p>Glowdesk</p>'.repeat(100)}`);

    const compressed = await precompressFolder(folder);

    expect(compressed.map((file) => file.slice(folder.length + 1))).toEqual(['assets/index-abc.css', 'assets/index-abc.js', 'index.html']);
    expect(brotliDecompressSync(readFileSync(join(folder, 'assets/index-abc.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(folder, 'assets/index-abc.js.gz'))).toString()).toBe(script);
    expect(existsSync(join(folder, 'index.html.br'))).toBe(true);
  });

  it('leaves source maps, binary files and files under 1 KB alone', async () => {
    writeFileSync(join(folder, 'assets/index-abc.js.map'), JSON.stringify({ mappings: 'A'.repeat(5000) }));
    writeFileSync(join(folder, 'assets/photo.png'), Buffer.alloc(5000, 7));
    writeFileSync(join(folder, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

    expect(await precompressFolder(folder)).toEqual([]);
    for (const file of ['assets/index-abc.js.map', 'assets/photo.png', 'favicon.svg']) {
      expect(existsSync(join(folder, `${file}.br`)), file).toBe(false);
      expect(existsSync(join(folder, `${file}.gz`)), file).toBe(false);
    }
  });
});
