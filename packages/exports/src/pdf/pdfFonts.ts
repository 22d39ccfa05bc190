import { existsSync } from 'node:fs';
import type PDFDocument from 'pdfkit';

/** Unicode TrueType fonts tried before pdfkit's built-in Helvetica (which only knows Latin-1). */
const CANDIDATES = [
  {
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    mono: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  },
  {
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    mono: '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  },
];

/** Font names to use with `doc.font(…)`. */
export interface ReportFonts {
  regular: string;
  bold: string;
  mono: string;
}

/**
 * Registers a Unicode font family when the system has one (embedded as a
 * subset, so any script in a note or a name prints), else the PDF standard fonts.
 */
export function registerFonts(
  doc: PDFKit.PDFDocument | InstanceType<typeof PDFDocument>,
): ReportFonts {
  const found = CANDIDATES.find(
    (c) => existsSync(c.regular) && existsSync(c.bold) && existsSync(c.mono),
  );
  if (!found) return { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' };
  doc.registerFont('body', found.regular);
  doc.registerFont('body-bold', found.bold);
  doc.registerFont('mono', found.mono);
  return { regular: 'body', bold: 'body-bold', mono: 'mono' };
}
