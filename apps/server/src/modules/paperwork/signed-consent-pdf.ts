import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { PaperworkTextFormat } from '@glowdesk/contracts';

/** One signature as it appears on the document. */
export interface DocumentSignature {
  png: Uint8Array;
  typedName: string;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Everything a signed consent shows: the exact wording signed, for which visit, by whom. */
export interface SignedConsentContent {
  assignmentId: string;
  formName: string;
  templateId: string;
  templateVersion: number;
  body: string;
  format: PaperworkTextFormat;
  clinicName: string;
  /** The clinic's IANA zone: times are shown there (and in UTC). */
  timezone: string;
  patientName: string;
  patientDateOfBirth: string | null;
  /** The visit the consent was signed for; null for one that stands alone (a membership's agreement, named by `signedFor`). */
  appointmentStartsAt: Date | null;
  signedFor?: string | undefined;
  services: readonly string[];
  patient: DocumentSignature;
  witness?: DocumentSignature | undefined;
}

const PAGE_WIDTH = 612; // US Letter, in points
const PAGE_HEIGHT = 792;
const MARGIN = 56;
const BODY_SIZE = 10.5;
const LINE_GAP = 1.45;
const SIGNATURE_BOX = { width: 220, height: 70 };

/** The standard fonts encode WinAnsi only: other characters become "?", spaces of other widths a space. */
function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const character of text.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ').replace(/\t/g, '    ')) {
    const codePoint = character.codePointAt(0) ?? 63;
    out += supported.has(codePoint) ? character : '?';
  }
  return out;
}

/** Consent text as lines to print: markdown's marks are taken out, its list items get bullets. */
function readableLines(body: string, format: PaperworkTextFormat): string[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  if (format === 'plain') return lines;
  return lines.map((line) =>
    line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^(\s*)[-*+]\s+/, '$1• ')
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, '$1$2')
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)'),
  );
}

/** Splits a paragraph into lines no wider than `width`, breaking words that alone are wider. */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  if (text === '') return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

function formatInstant(instant: Date, timezone: string): string {
  const local = instant.toLocaleString('en-US', { timeZone: timezone, dateStyle: 'long', timeStyle: 'long' });
  return `${local} (${instant.toISOString()})`;
}

/** Writes top to bottom, starting a new page when the next line does not fit. */
class Writer {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = document.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  private room(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.document.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  text(text: string, options: { size?: number; bold?: boolean; gray?: boolean } = {}): void {
    const size = options.size ?? BODY_SIZE;
    const font = options.bold ? this.bold : this.regular;
    for (const line of wrap(font, size, encodable(font, text), PAGE_WIDTH - 2 * MARGIN)) {
      this.room(size * LINE_GAP);
      this.y -= size * LINE_GAP;
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font, color: options.gray ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0) });
    }
  }

  space(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.room(12);
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
    this.y -= 6;
  }

  image(image: PDFImage): void {
    const scale = Math.min(SIGNATURE_BOX.width / image.width, SIGNATURE_BOX.height / image.height, 1);
    const width = image.width * scale;
    const height = image.height * scale;
    this.room(height + 8);
    this.y -= height + 4;
    this.page.drawImage(image, { x: MARGIN, y: this.y, width, height });
    this.page.drawLine({
      start: { x: MARGIN, y: this.y - 2 },
      end: { x: MARGIN + SIGNATURE_BOX.width, y: this.y - 2 },
      thickness: 0.5,
      color: rgb(0, 0, 0),
    });
    this.y -= 6;
  }
}

async function writeSignature(
  document: PDFDocument,
  writer: Writer,
  heading: string,
  signature: DocumentSignature,
  timezone: string,
): Promise<void> {
  writer.rule();
  writer.text(heading, { bold: true, size: 12 });
  writer.space(4);
  writer.image(await document.embedPng(signature.png));
  writer.text(`Name typed: ${signature.typedName}`);
  writer.text(`Signed: ${formatInstant(signature.signedAt, timezone)}`, { gray: true, size: 9 });
  writer.text(`IP address: ${signature.ip ?? 'not recorded'}`, { gray: true, size: 9 });
  writer.text(`Device: ${signature.userAgent ?? 'not recorded'}`, { gray: true, size: 9 });
}

/**
 * The signed consent as a PDF: the exact version's text, the visit, the patient's drawn
 * signature with their typed name, time, IP and device, and the witness's when there is one.
 * The file's dates are the signing times, so the same content gives the same bytes.
 * Throws when a signature is not a PNG that can be decoded.
 */
export async function renderSignedConsentPdf(content: SignedConsentContent): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const lastSignedAt = content.witness?.signedAt ?? content.patient.signedAt;
  document.setTitle(`${content.formName} (signed)`, { showInWindowTitleBar: true });
  document.setSubject(`Signed consent, form version ${content.templateVersion}`);
  document.setProducer('Glowdesk');
  document.setCreator('Glowdesk');
  document.setCreationDate(content.patient.signedAt);
  document.setModificationDate(lastSignedAt);
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(document, regular, bold);

  writer.text(content.formName, { bold: true, size: 16 });
  writer.text(content.clinicName, { gray: true });
  writer.space(6);
  writer.text(`Patient: ${content.patientName}${content.patientDateOfBirth ? `, born ${content.patientDateOfBirth}` : ''}`);
  if (content.appointmentStartsAt) writer.text(`Appointment: ${formatInstant(content.appointmentStartsAt, content.timezone)}`);
  if (content.signedFor) writer.text(`For: ${content.signedFor}`);
  if (content.services.length > 0) writer.text(`Services: ${content.services.join(', ')}`);
  writer.text(`Form: version ${content.templateVersion} of template ${content.templateId}; assignment ${content.assignmentId}`, {
    gray: true,
    size: 9,
  });
  writer.rule();
  for (const line of readableLines(content.body, content.format)) writer.text(line);
  await writeSignature(document, writer, 'Patient signature', content.patient, content.timezone);
  if (content.witness) await writeSignature(document, writer, 'Witness signature', content.witness, content.timezone);
  return document.save({ useObjectStreams: false });
}
