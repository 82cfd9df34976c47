/**
 * Downloads the gap list as CSV (UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it
 * right) or as an XLSX workbook, with headers in the interface language.
 */
import type { Lang } from '../../i18n';
import { translate } from '../../i18n';
import type { GapRules } from '../../model/gaps';
import type { Region } from '../../model/types';
import { protectCell, writeCsv } from '../../io/syntax/csvSyntax';
import { encodeUtf8 } from '../../io/syntax/text';
import { writeWorkbook } from '../../io/syntax/xlsxWrite';
import { formatById } from '../../io/formats';
import { dateStamp, downloadFile } from '../common/download';
import { gapListPreamble, gapTable, type GapRow } from '../../state/gapRows';

/**
 * The gap list as file bytes: a CSV text or an XLSX workbook, under title rows that give the region, its
 * date, the day of export and the rules. `whatIf`, the number of what-if changes the rows reflect, marks
 * the file name, the title rows (and the workbook) so a hypothetical list is never taken for the stored
 * data's.
 */
export function gapListFile(
  rows: readonly GapRow[],
  format: 'csv' | 'xlsx',
  lang: Lang,
  region: Region | undefined,
  rules: GapRules,
  whatIf = 0,
): { fileName: string; mimeType: string; bytes: Uint8Array } {
  const preamble = gapListPreamble(region, rules, lang, dateStamp(), whatIf);
  const table = gapTable(rows, lang);
  const base = `chainatlas-gaps-${region?.id ?? 'region'}${whatIf ? '-what-if' : ''}-${dateStamp()}`;
  const numeric = new Set([0, 6, 7]);
  if (format === 'csv') {
    // Names and sources come from imported data: text cells are protected from running as formulas.
    const safe = [
      ...preamble.map((row) => row.map(protectCell)),
      ...table.map((row, r) => (r === 0 ? row : row.map((cell, c) => (numeric.has(c) ? cell : protectCell(cell))))),
    ];
    return {
      fileName: `${base}.csv`,
      mimeType: `${formatById('csv').mimeTypes[0]};charset=utf-8`,
      bytes: encodeUtf8(writeCsv(safe), true),
    };
  }
  return {
    fileName: `${base}.xlsx`,
    mimeType: formatById('xlsx').mimeTypes[0]!,
    bytes: writeWorkbook([
      {
        name: whatIf
          ? `${translate(lang, 'gaps.label')} · ${translate(lang, 'details.whatIfTag')}`
          : translate(lang, 'gaps.label'),
        header: true,
        headerRow: preamble.length,
        widths: [6, 14, 22, 22, 16, 10, 8, 10, 10, 28, 28, 10, 40, 40, 40],
        rows: [
          ...preamble,
          ...table.map((row, r) =>
            row.map((cell, c) => (r > 0 && numeric.has(c) && cell !== '' ? Number(cell) : cell)),
          ),
        ],
      },
    ]),
  };
}

/** Saves the gap list in the chosen format. */
export function exportGapList(
  rows: readonly GapRow[],
  format: 'csv' | 'xlsx',
  lang: Lang,
  region: Region | undefined,
  rules: GapRules,
  whatIf = 0,
): void {
  const file = gapListFile(rows, format, lang, region, rules, whatIf);
  downloadFile(file.fileName, file.mimeType, file.bytes);
}
