// What a customer's file is, decided by its bytes: hostile documents (HTML, SVG, XML) never keep the type
// they claim, real files are recognised whatever they claim, and the kind shown follows the bytes.
import { describe, expect, it } from 'vitest';
import { kindForType, sniffMimeType } from '../../workers/services/file-sniff';
import {
  CSV,
  DOCX,
  GIF,
  hostileHtml,
  hostileHtmlPadded,
  hostileSvg,
  hostileXml,
  JPEG,
  M4A,
  MP3,
  MP4,
  OGG_OPUS,
  OLE,
  PDF,
  PNG,
  TEXT,
  THREE_GP,
  WEBM,
  WEBP,
  XLSX,
  ZIP,
} from '../support/file-samples';

const CANARY = 'https://canary.invalid';
const OCTET = 'application/octet-stream';

describe('sniffing hostile documents', () => {
  const claims = ['application/pdf', 'image/jpeg', 'image/png', 'text/html', 'image/svg+xml', 'text/plain'];
  for (const [name, doc] of [
    ['HTML', hostileHtml(CANARY)],
    ['SVG with script', hostileSvg(CANARY)],
    ['XML', hostileXml(CANARY)],
    ['HTML behind a BOM and blanks', hostileHtmlPadded(CANARY)],
  ] as const) {
    it(`serves ${name} as bytes whatever it claims to be`, () => {
      for (const claim of [...claims, 'text/xml', 'application/xhtml+xml', null]) {
        expect(sniffMimeType(doc, claim), `${name} claiming ${claim}`).toBe(OCTET);
      }
    });
  }

  it('never takes text for a document type it was not claimed as, nor binary for text', () => {
    expect(sniffMimeType(TEXT, 'application/pdf')).toBe(OCTET);
    expect(sniffMimeType(TEXT, null)).toBe(OCTET);
    expect(sniffMimeType(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'text/plain')).toBe(OCTET);
    expect(sniffMimeType(new Uint8Array([0xc3, 0x28, 0x41]), 'text/plain')).toBe(OCTET); // not UTF-8
    expect(sniffMimeType(new Uint8Array(0), 'image/png')).toBe(OCTET);
  });
});

describe('sniffing real files that claim something else', () => {
  it.each([
    ['PNG', PNG, 'image/jpeg', 'image/png'],
    ['PNG', PNG, 'text/html', 'image/png'],
    ['JPEG', JPEG, 'image/png', 'image/jpeg'],
    ['GIF', GIF, 'image/svg+xml', 'image/gif'],
    ['WebP', WEBP, null, 'image/webp'],
    ['PDF', PDF, 'text/html', 'application/pdf'],
    ['PDF', PDF, 'image/jpeg', 'application/pdf'],
    ['Ogg Opus', OGG_OPUS, 'application/octet-stream', 'audio/ogg'],
    ['Ogg Opus', OGG_OPUS, 'text/html', 'audio/ogg'],
    ['MP3', MP3, 'audio/ogg', 'audio/mpeg'],
    ['MP4', MP4, 'text/html', 'video/mp4'],
    ['3GP', THREE_GP, 'video/mp4', 'video/3gpp'],
    ['M4A', M4A, 'video/mp4', 'audio/mp4'],
    ['WebM', WEBM, null, 'video/webm'],
    [
      'DOCX',
      DOCX,
      'application/zip',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['XLSX', XLSX, 'text/html', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['ZIP', ZIP, 'text/html', 'application/zip'],
  ])('%s claiming %s is %s', (_name, file, claim, expected) => {
    expect(sniffMimeType(file, claim)).toBe(expected);
  });

  it('uses the claim only where the bytes leave a choice', () => {
    expect(sniffMimeType(OLE, 'application/msword')).toBe('application/msword');
    expect(sniffMimeType(OLE, 'application/vnd.ms-excel; name=x.xls')).toBe('application/vnd.ms-excel');
    expect(sniffMimeType(OLE, 'text/html')).toBe(OCTET);
    expect(sniffMimeType(TEXT, 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(sniffMimeType(CSV, 'TEXT/CSV')).toBe('text/csv');
    // A stored object's head without its central directory keeps the office type it was stored with.
    const head = ZIP.slice(0, 8);
    expect(sniffMimeType(head, 'application/vnd.ms-excel')).toBe('application/zip');
    expect(
      sniffMimeType(head, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'),
    ).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
  });

  it('shows an announced image or voice note that is not one as a document', () => {
    expect(kindForType('image', OCTET)).toBe('document');
    expect(kindForType('sticker', 'image/webp')).toBe('sticker');
    expect(kindForType('image', 'image/png')).toBe('image');
    expect(kindForType('audio', 'application/pdf')).toBe('document');
    expect(kindForType('audio', 'audio/ogg')).toBe('audio');
    expect(kindForType('document', 'image/png')).toBe('document');
  });
});
