/**
 * Helpers for the import tests: the fixture files, and running an import the way the app does.
 * Not used by the app.
 */
import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import type { Dataset } from '../model/types';
import { importBytes } from './pipeline/importFile';
import type { ImportContext, ImportIssue, ImportResult } from './types';
import { CONTENT_TYPES, MAIN, PKG_REL, REL } from './syntax/xlsxWrite';

/** A file of tests/fixtures/import as bytes. */
export function fixture(name: string): Uint8Array<ArrayBuffer> {
  const bytes = readFileSync(new URL(`../../tests/fixtures/import/${name}`, import.meta.url));
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** The import context of a test, on 2026-11-26. */
export function context(fileName: string, current?: Dataset, extra: Partial<ImportContext> = {}): ImportContext {
  return { fileName, importedAt: '2026-11-26', ...(current ? { current } : {}), ...extra };
}

/** Imports a fixture file. */
export function importFixture(name: string, current?: Dataset, extra?: Partial<ImportContext>): Promise<ImportResult> {
  return importBytes(fixture(name), context(name, current, extra));
}

/** Imports text as the file `fileName`. */
export function importText(
  text: string,
  fileName: string,
  current?: Dataset,
  extra?: Partial<ImportContext>,
): Promise<ImportResult> {
  return importBytes(new TextEncoder().encode(text), context(fileName, current, extra));
}

export const errorsOf = (r: ImportResult): ImportIssue[] => r.issues.filter((i) => i.severity === 'error');
export const warningsOf = (r: ImportResult): ImportIssue[] => r.issues.filter((i) => i.severity === 'warning');

/** The result's patch; throws (failing the test) with the issues when there is none. */
export function patchOf(r: ImportResult) {
  if (!r.ok || r.kind !== 'patch') throw new Error(`expected a patch: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.patch;
}

/** The result's dataset; throws (failing the test) with the issues when there is none. */
export function datasetOf(r: ImportResult): Dataset {
  if (!r.ok || r.kind !== 'dataset')
    throw new Error(`expected a dataset: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.dataset;
}

const legacyTables = new Map<string, Map<string, number[]>>();

/**
 * `text` in a legacy double-byte code page (`gbk`, `big5`) as Excel on Chinese Windows writes it. The
 * table is built by decoding every double-byte pair with the platform's decoder and inverting it.
 */
export function encodeLegacy(text: string, encoding: 'gbk' | 'big5'): Uint8Array {
  let table = legacyTables.get(encoding);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding === 'gbk' ? 'gb18030' : 'big5');
    for (let b1 = 0x81; b1 <= 0xfe; b1++) {
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f || (encoding === 'big5' && b2 > 0x7e && b2 < 0xa1)) continue;
        const ch = decoder.decode(new Uint8Array([b1, b2]));
        if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [b1, b2]);
      }
    }
    legacyTables.set(encoding, table);
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`${ch} has no ${encoding} code`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/**
 * A workbook laid out as Excel 2016 saves it: content types, package and workbook relationships, the
 * workbook, styles with the given cell formats, shared strings and one worksheet whose XML is given.
 */
export function excelWorkbook(
  sheetName: string,
  sheetData: string,
  opts: { strings: string[]; numFmts?: string; xfs?: string[]; after?: string },
): Uint8Array {
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...(opts.xfs ?? [])];
  return zipSync({
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="${CONTENT_TYPES}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `${XML}<styleSheet xmlns="${MAIN}">${opts.numFmts ?? ''}<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `${XML}<sst xmlns="${MAIN}" count="${opts.strings.length}" uniqueCount="${opts.strings.length}">${opts.strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:E5"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25"/><sheetData>${sheetData}</sheetData>${opts.after ?? ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    ),
  });
}

/** Shared-string cells of one row, from column A on; `null` leaves a cell out, as Excel does for empty ones. */
export function sharedRow(r: number, indexes: (number | null)[], spans = '1:5'): string {
  const cells = indexes
    .map((s, i) => (s === null ? '' : `<c r="${String.fromCharCode(65 + i)}${r}" t="s"><v>${s}</v></c>`))
    .join('');
  return `<row r="${r}" spans="${spans}" x14ac:dyDescent="0.2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">${cells}</row>`;
}

/**
 * A links sheet as people lay it out in Excel: the sub-chain 负极材料 written once, in D2, and merged
 * down D2:D4 over the three links x_a, x_b, x_c.
 */
export function mergedSubChainWorkbook(): Uint8Array {
  const strings = ['编号', '中文名称', '英文名称', '子链', '环节类型', 'x_a', '甲', 'A', '负极材料', '中间品'];
  strings.push('x_b', '乙', 'B', 'x_c', '丙', 'C');
  const rows = [
    sharedRow(1, [0, 1, 2, 3, 4]),
    sharedRow(2, [5, 6, 7, 8, 9]),
    sharedRow(3, [10, 11, 12, null, 9]),
    sharedRow(4, [13, 14, 15, null, 9]),
  ].join('');
  return excelWorkbook('环节', rows, {
    strings,
    after: '<mergeCells count="1"><mergeCell ref="D2:D4"/></mergeCells>',
  });
}
