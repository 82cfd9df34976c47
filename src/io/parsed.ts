/**
 * What a format module gives `importBytes`: the public result plus, for records read from the file,
 * where each came from, so problems found later (in the merged dataset) can name a row or line.
 */
import type { Origins } from './origins';
import type { ImportResult } from './types';

export type Parsed = ImportResult & { readonly origins?: Origins };
