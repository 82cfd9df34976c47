/**
 * Writing a minimal .xlsx workbook (Office Open XML) that Excel, WPS and LibreOffice open: shared
 * strings, numbers as numbers, a bold frozen header row, column widths. Deterministic: the same
 * sheets give the same bytes.
 */
import { zipSync } from 'fflate';
import type { CellValue } from './cells';

export interface SheetData {
  readonly name: string;
  readonly rows: readonly (readonly CellValue[])[];
  /** Column widths in characters. */
  readonly widths?: readonly number[];
  /** Bold, frozen header row. */
  readonly header?: boolean;
  /** Which row is the header (0, the first, unless title rows stand above it). */
  readonly headerRow?: number;
  /** Wrap long text (the read-me sheet). */
  readonly wrap?: boolean;
}

// XML namespace names, which the format requires verbatim: identifiers, never fetched. Exported for
// the test kit, which writes workbooks as Excel lays them out.
export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Characters XML 1.0 cannot hold, and `\r`, which XML readers turn into `\n`. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\r\ufffe\uffff]/g;

/**
 * Escapes text for XML; characters XML cannot hold become OOXML's `_xHHHH_`, and a literal `_x` that
 * looks like such an escape is itself escaped, so every string reads back as written.
 */
function escapeText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** `0` → `A`, `27` → `AB`. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const STYLES =
  DECL +
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The workbook's bytes. */
export function writeWorkbook(sheets: readonly SheetData[]): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  let stringRefs = 0;
  const stringId = (s: string) => {
    stringRefs++;
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };

  const sheetXml = sheets.map((sheet) => {
    const parts: string[] = [DECL, `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`];
    const headerRow = sheet.headerRow ?? 0;
    if (sheet.header) {
      parts.push(
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow + 1}" topLeftCell="A${headerRow + 2}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`,
      );
    }
    parts.push('<sheetFormatPr defaultRowHeight="15"/>');
    if (sheet.widths?.length) {
      parts.push(
        '<cols>',
        ...sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`),
        '</cols>',
      );
    }
    parts.push('<sheetData>');
    sheet.rows.forEach((row, r) => {
      const style = sheet.header && r === headerRow ? ' s="1"' : sheet.wrap ? ' s="2"' : '';
      const cells: string[] = [];
      row.forEach((value, c) => {
        if (value === undefined || value === '') return;
        const ref = `${columnName(c)}${r + 1}`;
        if (typeof value === 'number')
          cells.push(`<c r="${ref}"${style}><v>${Object.is(value, -0) ? 0 : value}</v></c>`);
        else cells.push(`<c r="${ref}"${style} t="s"><v>${stringId(value)}</v></c>`);
      });
      parts.push(`<row r="${r + 1}">${cells.join('')}</row>`);
    });
    parts.push('</sheetData></worksheet>');
    return parts.join('');
  });

  const shared =
    DECL +
    `<sst xmlns="${MAIN}" count="${stringRefs}" uniqueCount="${strings.length}">` +
    strings
      .map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${escapeText(s)}</t></si>`)
      .join('') +
    '</sst>';

  const workbook =
    DECL +
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';

  const workbookRels =
    DECL +
    `<Relationships xmlns="${PKG_REL}">` +
    sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>';

  const contentTypes =
    DECL +
    `<Types xmlns="${CONTENT_TYPES}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '</Types>';

  const rootRels =
    DECL +
    `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': enc.encode(contentTypes),
    '_rels/.rels': enc.encode(rootRels),
    'xl/workbook.xml': enc.encode(workbook),
    'xl/_rels/workbook.xml.rels': enc.encode(workbookRels),
    'xl/styles.xml': enc.encode(STYLES),
    'xl/sharedStrings.xml': enc.encode(shared),
  };
  sheetXml.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = enc.encode(xml)));
  // A fixed timestamp keeps the bytes the same from run to run.
  return zipSync(files, { level: 6, mtime: new Date(2020, 0, 1) });
}
