import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderSignedConsentPdf, type SignedConsentContent } from './signed-consent-pdf.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const content: SignedConsentContent = {
  assignmentId: '00000000-0000-4000-8000-000000000001',
  formName: 'Botox consent',
  templateId: '00000000-0000-4000-8000-000000000002',
  templateVersion: 3,
  body: '# Risks\n\n- **Bruising** and *swelling*\n- See [our page](https://example.com)',
  format: 'markdown',
  clinicName: 'Glow Clinic',
  timezone: 'America/New_York',
  patientName: 'Rosa Díaz',
  patientDateOfBirth: '1990-04-01',
  appointmentStartsAt: new Date('2026-03-10T15:00:00Z'),
  services: ['Botox'],
  patient: { png, typedName: 'Rosa Díaz', signedAt: new Date('2026-03-05T12:00:00Z'), ip: '203.0.113.7', userAgent: 'Safari' },
};

describe('the signed consent PDF', () => {
  it('gives the same bytes for the same content (its dates are the signing times)', async () => {
    const first = await renderSignedConsentPdf(content);
    const second = await renderSignedConsentPdf(content);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const document = await PDFDocument.load(first, { updateMetadata: false });
    expect(document.getTitle()).toBe('Botox consent (signed)');
    expect(document.getCreationDate()?.toISOString()).toBe('2026-03-05T12:00:00.000Z');
  });

  it('prints text the standard font cannot encode as "?" instead of failing, and runs long text onto more pages', async () => {
    const long = await renderSignedConsentPdf({
      ...content,
      body: `同意します ✓ Ωmega\n${'A long consent sentence that keeps going. '.repeat(900)}`,
      format: 'plain',
      witness: { png, typedName: 'Jamie', signedAt: new Date('2026-03-05T12:05:00Z'), ip: null, userAgent: null },
    });
    const document = await PDFDocument.load(long, { updateMetadata: false });
    expect(document.getPageCount()).toBeGreaterThan(2);
    expect(document.getModificationDate()?.toISOString()).toBe('2026-03-05T12:05:00.000Z');
  });

  it('refuses a signature that is not a decodable PNG', async () => {
    await expect(renderSignedConsentPdf({ ...content, patient: { ...content.patient, png: png.subarray(0, 40) } })).rejects.toThrow();
  });
});
