/**
 * QR login cards as a PDF: A4, eight cards per page (2 × 4), each with the pupil's name, group,
 * leerlingplaatje (the shipped SVG paths drawn as vectors) and a QR code of
 * `<publicUrl>/kaart/<token>` with a quiet zone of 4 modules (ISO/IEC 18004 §9.1). Names are set
 * in embedded DejaVu Sans, so "Yılmaz", "Zoë" and "Nguyễn" print as written.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface LoginCard {
  name: string;
  groupName: string;
  pictureId: string;
  token: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const COLUMNS = 2;
const ROWS = 4;
export const CARDS_PER_PAGE = COLUMNS * ROWS;
const QUIET_ZONE_MODULES = 4;

const require = createRequire(import.meta.url);
const FONT_DIR = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
const REGULAR = fs.readFileSync(`${FONT_DIR}DejaVuSans.ttf`);
const BOLD = fs.readFileSync(`${FONT_DIR}DejaVuSans-Bold.ttf`);
const PICTURE_DIR = new URL('../http/assets/pictures/', import.meta.url);

/** The shipped pictures are plain `<path fill d>` layers on a 64×64 view box; read them once. */
const pictureLayers = new Map<string, Array<{ fill: string; d: string }>>();
function layersOf(pictureId: string): Array<{ fill: string; d: string }> {
  let layers = pictureLayers.get(pictureId);
  if (!layers) {
    const svg = fs.readFileSync(new URL(`${pictureId}.svg`, PICTURE_DIR), 'utf8');
    layers = [...svg.matchAll(/<path fill="(#[0-9a-fA-F]{3,6})" d="([^"]+)"\/>/g)].map((m) => ({ fill: m[1], d: m[2] }));
    pictureLayers.set(pictureId, layers);
  }
  return layers;
}

function drawPicture(doc: PDFKit.PDFDocument, pictureId: string, x: number, y: number, size: number): void {
  doc.save().translate(x, y).scale(size / 64);
  for (const layer of layersOf(pictureId)) doc.path(layer.d).fill(layer.fill);
  doc.restore();
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const module = size / (count + 2 * QUIET_ZONE_MODULES);
  doc.rect(x, y, size, size).fill('#ffffff');
  const origin = QUIET_ZONE_MODULES * module;
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + origin + col * module, y + origin + row * module, module, module);
    }
  }
  doc.fill('#000000');
}

function drawCard(doc: PDFKit.PDFDocument, card: LoginCard, url: string, x: number, y: number, w: number, h: number): void {
  doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#888888').rect(x, y, w, h).stroke().undash().restore();
  const qrSize = Math.min(h - 16, w / 2);
  drawQr(doc, url, x + w - qrSize - 8, y + 8, qrSize);
  const textWidth = w - qrSize - 24;
  drawPicture(doc, card.pictureId, x + 12, y + 12, 56);
  doc.font('DejaVuBold').fontSize(15).fillColor('#000000').text(card.name, x + 12, y + 76, { width: textWidth });
  doc.font('DejaVu').fontSize(10).fillColor('#333333').text(card.groupName, { width: textWidth });
  doc.fontSize(8).fillColor('#555555').text('Scan de code om in te loggen.', x + 12, y + h - 24, { width: textWidth });
}

export async function renderLoginCards(input: { publicUrl: string; cards: readonly LoginCard[] }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: 'Inlogkaarten', Creator: 'Leerpoort' } });
  doc.registerFont('DejaVu', REGULAR);
  doc.registerFont('DejaVuBold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cardW = (A4.width - 2 * MARGIN) / COLUMNS;
  const cardH = (A4.height - 2 * MARGIN) / ROWS;
  input.cards.forEach((card, index) => {
    const slot = index % CARDS_PER_PAGE;
    if (slot === 0) doc.addPage();
    const x = MARGIN + (slot % COLUMNS) * cardW;
    const y = MARGIN + Math.floor(slot / COLUMNS) * cardH;
    drawCard(doc, card, `${input.publicUrl}/kaart/${card.token}`, x, y, cardW, cardH);
  });
  if (input.cards.length === 0) doc.addPage().font('DejaVu').fontSize(14).text('Geen leerlingen in deze groep.');
  doc.end();
  return done;
}
