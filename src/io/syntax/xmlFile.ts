/**
 * An imported XML file (GraphML, GEXF) read into a tree, with syntax errors at their line and column.
 */
import { ImportStop, importError, type Where } from '../issues';
import { lineLocator } from './jsonText';
import type { Progress } from '../progress';
import { decodeText } from './text';
import type { XmlElement } from './xml';
import { XmlSyntaxError, normalizeXmlText, readXmlTree } from './xml';

/** The file's root element, a function placing an element's offset at a line and column, and the encoding. */
export async function parseXmlFile(
  bytes: Uint8Array,
  fileName: string,
  progress: Progress,
): Promise<{ root: XmlElement; where: (offset: number) => Where; encoding: string }> {
  const decoded = await decodeText(bytes, fileName, progress.part(0, 0.3), { xml: true });
  const text = normalizeXmlText(decoded.text);
  const locate = lineLocator(text);
  try {
    const root = await readXmlTree(text, progress.part(0.3, 1));
    return { root, where: (offset) => locate(offset), encoding: decoded.encoding };
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    throw new ImportStop(
      importError('xml-syntax', fileName, locate(e.offset), `XML syntax error: ${e.message}`, { detail: e.message }),
    );
  }
}
