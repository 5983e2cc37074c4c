import { describe, expect, it } from 'vitest';
import { heifCodecOf } from './procedure-photo-format.ts';

/** An `ftyp` box: size, type, major brand, minor version, compatible brands; then `rest`. */
function ftyp(major: string, compatible: string[], rest: Buffer = Buffer.alloc(0)): Buffer {
  const size = 16 + compatible.length * 4;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, index) => box.write(brand, 16 + index * 4, 'latin1'));
  return Buffer.concat([box, rest]);
}

describe('heifCodecOf', () => {
  it('recognises HEIC by its major brand, as an iPhone writes it', () => {
    expect(heifCodecOf(ftyp('heic', ['mif1', 'heic', 'miaf']))).toBe('hevc');
    expect(heifCodecOf(ftyp('heix', ['mif1', 'heix']))).toBe('hevc');
    expect(heifCodecOf(ftyp('hevc', ['msf1', 'hevc']))).toBe('hevc');
  });

  it('recognises AVIF by its major brand', () => {
    expect(heifCodecOf(ftyp('avif', ['mif1', 'avif', 'miaf']))).toBe('av1');
    expect(heifCodecOf(ftyp('avis', ['msf1', 'avis']))).toBe('av1');
  });

  it('reads the compatible brands when the major brand names no codec, AV1 first', () => {
    expect(heifCodecOf(ftyp('mif1', ['mif1', 'heic']))).toBe('hevc');
    expect(heifCodecOf(ftyp('mif1', ['heic', 'avif']))).toBe('av1');
    expect(heifCodecOf(ftyp('mif1', ['mif1', 'miaf']))).toBeUndefined();
  });

  it('answers undefined for other files: JPEG, PNG, an MP4 video, text, a box too short or too long', () => {
    expect(heifCodecOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]))).toBeUndefined();
    expect(heifCodecOf(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'))).toBeUndefined();
    expect(heifCodecOf(ftyp('isom', ['isom', 'iso2', 'mp41']))).toBeUndefined();
    expect(heifCodecOf(Buffer.from('just some words, not a picture'))).toBeUndefined();
    expect(heifCodecOf(Buffer.from('\0\0\0\x18ftypheic', 'latin1'))).toBeUndefined();
    const claimsMore = ftyp('heic', ['mif1']);
    claimsMore.writeUInt32BE(64, 0);
    expect(heifCodecOf(claimsMore)).toBeUndefined();
  });

  it('reads a box inside a larger buffer from its own offset', () => {
    const whole = Buffer.concat([Buffer.from('xxxx'), ftyp('heic', ['mif1'])]);
    expect(heifCodecOf(whole.subarray(4))).toBe('hevc');
  });
});
