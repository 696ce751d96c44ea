/** Real files for the specs, generated with devDependencies (pdf-lib, docx, exceljs). Not exported by the lib. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A PDF whose page i (1-based) shows `lines(i)` top to bottom. */
export async function makePdf(pageCount: number, lines: (page: number) => string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pageCount; p++) {
    const page = doc.addPage([595, 842]);
    lines(p).forEach((text, i) => page.drawText(text, { x: 40, y: 800 - i * 16, size: 10, font }));
  }
  return Buffer.from(await doc.save());
}

/** A valid PDF with a drawn rectangle and no text at all — what a scan looks like to a text extractor. */
export async function makeImageOnlyPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 300, height: 200, color: rgb(0.2, 0.4, 0.8) });
  return Buffer.from(await doc.save());
}

export async function makeDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'User Guide', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Welcome to the product.', alignment: AlignmentType.LEFT }),
          new Paragraph({ text: 'Installation', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('Run the installer and follow the prompts.'),
          new Table({
            rows: [
              new TableRow({ children: [cell('OS'), cell('Command')] }),
              new TableRow({ children: [cell('Linux'), cell('apt install x')] }),
              new TableRow({ children: [cell('Windows'), cell('winget install x|y')] }),
            ],
          }),
          new Paragraph({ text: 'FAQ', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Ask us anything.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function makeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const people = wb.addWorksheet('People');
  people.addRow(['Name', 'City', 'Joined']);
  people.addRow(['Alice', '北京', new Date(Date.UTC(2024, 0, 2))]);
  people.addRow(['Bob', { richText: [{ text: 'San ' }, { text: 'Francisco' }] }, null]);
  people.addRow(['Carol', { formula: 'A2&"!"', result: 'Alice!' }, null]);
  const prices = wb.addWorksheet('Prices');
  prices.addRow(['Item', 'Price']);
  prices.addRow(['Tea', 3.5]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

/** Resolves with the rejection of `source` (or fails when it completes). */
export async function extractionError(source: AsyncIterable<unknown>): Promise<Error> {
  try {
    for await (const _ of source) void _;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected extraction to fail');
}
