/**
 * Problems in data, in the reader's language: where (file, sheet, row, line, column, field) and what,
 * from the catalogues by the problem's code, with the value at fault when there is one.
 */
import { hasMessage, translate, type Lang } from '../../i18n';
import type { ImportIssue } from '../../io/types';

/**
 * Where a problem is, in words. A table row is place enough: the dataset path validation gives as the
 * field of a row's problem (`chains[0].links[77]`) means nothing to someone looking at the spreadsheet,
 * and column headers never hold `[`, so such a field is left out.
 */
export function issuePlace(issue: ImportIssue, lang: Lang): string {
  const parts = [issue.file];
  if (issue.sheet !== undefined) parts.push(translate(lang, 'issue.where.sheet', { sheet: issue.sheet }));
  const repeated = issue.repeated;
  if (repeated) {
    // The same problem on many rows: how many, and the first of them.
    const first = repeated.rows ?? repeated.lines ?? [];
    const count = repeated.count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
    const list =
      first.join(lang === 'zh' ? '、' : ', ') + (repeated.count > first.length ? (lang === 'zh' ? '……' : ', …') : '');
    parts.push(translate(lang, repeated.rows ? 'issue.where.rows' : 'issue.where.lines', { count, list }));
  } else {
    if (issue.row !== undefined) parts.push(translate(lang, 'issue.where.row', { row: issue.row }));
    if (issue.line !== undefined) parts.push(translate(lang, 'issue.where.line', { line: issue.line }));
  }
  if (issue.column !== undefined && !repeated) {
    parts.push(translate(lang, 'issue.where.column', { column: issue.column }));
  }
  // A folded problem's dataset path would name its first record only.
  const datasetPath = (issue.row !== undefined || repeated) && issue.field?.includes('[');
  if (issue.field && !datasetPath) parts.push(translate(lang, 'issue.where.field', { field: issue.field }));
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/**
 * What the problem is, in words: the catalogue's sentence for its code (the reader's English message
 * for a code the catalogue does not know), and the value at fault when the sentence does not show it.
 */
export function issueWhat(issue: Pick<ImportIssue, 'code' | 'params' | 'message'>, lang: Lang): string {
  const key = `issue.${issue.code}`;
  if (!hasMessage(lang, key)) return issue.message;
  // Words the reader puts in params ("link", "a number") have their own catalogue entries.
  const params = Object.fromEntries(
    Object.entries(issue.params).map(([name, v]) => {
      const word = `word.${String(v)}`;
      return [name, hasMessage(lang, word) ? translate(lang, word) : v];
    }),
  );
  const text = translate(lang, key, params);
  const value = params.value;
  if (value === undefined || text.includes(String(value))) return text;
  return lang === 'zh' ? `${text}（“${value}”）` : `${text} (“${value}”)`;
}
