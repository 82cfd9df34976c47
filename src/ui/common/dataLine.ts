/**
 * Some citations quote an entry of a chain table in the reference notes, such as
 * `pouch_film 铝塑膜 comp <- al, polymer`: verbatim, so the quote stands in its source, but a data line
 * no reader should have to decode. This reads such an entry and says it in words.
 */
import { translate, type Lang } from '../../i18n';
import { listSeparator } from '../../i18n/format';
import type { Stage } from '../../model/types';

const STAGES: Readonly<Record<string, Stage>> = {
  raw: 'raw',
  int: 'intermediate',
  comp: 'component',
  prod: 'product',
  app: 'application',
  rec: 'recycling',
};

/** An id, its names, a stage code, an optional remark in brackets, and optionally `<-` and its inputs. */
const ENTRY = /^([a-z][a-z0-9_]*) (.+?) (raw|int|comp|prod|app|rec)(?: \(([^()]*)\))?(?: <- ([a-z0-9_, ]+))?$/;

export interface DataLine {
  readonly id: string;
  readonly stage: Stage;
  readonly inputs: readonly string[];
}

/** The entry a quote holds, or undefined when the quote is prose. */
export function readDataLine(quote: string): DataLine | undefined {
  const m = ENTRY.exec(quote.trim());
  if (!m) return undefined;
  const inputs = (m[5] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { id: m[1]!, stage: STAGES[m[3]!]!, inputs };
}

/**
 * A quote as a reader should see it: prose as it stands, a chain-table entry in words (naming links
 * with `name`, which falls back on the id).
 */
export function quoteInWords(
  quote: string,
  lang: Lang,
  name: (id: string) => string | undefined,
): { text: string; verbatim: boolean } {
  const line = readDataLine(quote);
  if (!line) return { text: quote, verbatim: true };
  const link = name(line.id) ?? line.id;
  const stage = translate(lang, `stage.${line.stage}`);
  const text = line.inputs.length
    ? translate(lang, 'citation.dataLineInputs', {
        link,
        stage,
        inputs: line.inputs.map((id) => name(id) ?? id).join(listSeparator(lang)),
      })
    : translate(lang, 'citation.dataLine', { link, stage });
  return { text, verbatim: false };
}
