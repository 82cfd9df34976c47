/**
 * GEXF 1.2 and 1.3, as Gephi writes it: nodes with a label, `<attributes>` declarations by id and
 * title, and `<attvalue for=...>` (or `id=` in GEXF 1.1) values. Becomes a chain patch.
 */
import type { GraphEdge, GraphNode } from './graphPatch';
import { toParsed } from './graphml';
import { ImportStop, importError } from './issues';
import type { Parsed } from './parsed';
import type { Progress } from './progress';
import type { ImportContext } from './types';
import type { XmlElement } from './xml';
import { childrenNamed, localName } from './xml';
import { parseXmlFile } from './xmlFile';

/** Attribute titles by id, and defaults, for one class (`node` or `edge`). */
function declarations(
  graph: XmlElement,
  cls: 'node' | 'edge',
): { titles: Map<string, string>; defaults: Map<string, string> } {
  const titles = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const block of childrenNamed(graph, 'attributes')) {
    if ((block.attrs.class ?? 'node') !== cls) continue;
    for (const a of childrenNamed(block, 'attribute')) {
      const id = a.attrs.id ?? a.attrs.title ?? '';
      const title = a.attrs.title ?? id;
      titles.set(id, title);
      const def = childrenNamed(a, 'default')[0];
      const text = def?.children.filter((c): c is string => typeof c === 'string').join('');
      if (text !== undefined) defaults.set(title, text);
    }
  }
  return { titles, defaults };
}

function attvalues(el: XmlElement, decl: ReturnType<typeof declarations>): Map<string, string> {
  const attrs = new Map(decl.defaults);
  for (const v of childrenNamed(el, 'attvalues').flatMap((a) => childrenNamed(a, 'attvalue'))) {
    const ref = v.attrs.for ?? v.attrs.id ?? '';
    attrs.set(decl.titles.get(ref) ?? ref, v.attrs.value ?? '');
  }
  return attrs;
}

/** Reads a GEXF file as a chain patch. */
export async function importGexf(bytes: Uint8Array, ctx: ImportContext, progress: Progress): Promise<Parsed> {
  const file = ctx.fileName;
  const { root, where, encoding } = await parseXmlFile(bytes, file, progress.part(0, 0.7));
  if (localName(root.name) !== 'gexf') {
    throw new ImportStop(
      importError('unknown-format', file, where(root.offset), `the root element is <${root.name}>, not <gexf>`),
    );
  }
  const graph = childrenNamed(root, 'graph')[0];
  if (!graph) throw new ImportStop(importError('no-nodes', file, where(root.offset), 'the file holds no <graph>'));
  const nodeDecl = declarations(graph, 'node');
  const edgeDecl = declarations(graph, 'edge');
  const nodes: GraphNode[] = childrenNamed(graph, 'nodes')
    .flatMap((n) => childrenNamed(n, 'node'))
    .map((n) => ({
      id: n.attrs.id ?? '',
      ...(n.attrs.label !== undefined && n.attrs.label.trim() !== '' ? { label: n.attrs.label } : {}),
      attrs: attvalues(n, nodeDecl),
      where: where(n.offset),
    }));
  const edges: GraphEdge[] = childrenNamed(graph, 'edges')
    .flatMap((e) => childrenNamed(e, 'edge'))
    .map((e) => ({
      source: e.attrs.source ?? '',
      target: e.attrs.target ?? '',
      attrs: attvalues(e, edgeDecl),
      where: where(e.offset),
    }));
  return toParsed({ nodes, edges }, ctx, 'gexf', encoding, progress.part(0.7, 1));
}
