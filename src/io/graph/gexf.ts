/**
 * GEXF 1.2 and 1.3, as Gephi writes it: nodes with a label, `<attributes>` declarations by id and
 * title, and `<attvalue for=...>` (or `id=` in GEXF 1.1) values; list values (`liststring` and the
 * other list types, written `a|b` in GEXF 1.2 and `[a, b]` by Gephi and GEXF 1.3); and hierarchies,
 * nodes nested in nodes or pointing to their parent with `pid`, where a parent's label becomes the
 * sub-chain of the nodes under it (as a yEd group's does). Becomes a chain patch.
 */
import type { GraphEdge, GraphNode } from './graphPatch';
import { toParsed } from './graphml';
import { ImportStop, importError } from '../issues';
import type { Parsed } from '../parsed';
import type { Progress } from '../progress';
import type { ImportContext } from '../types';
import type { XmlElement } from '../syntax/xml';
import { childrenNamed, localName } from '../syntax/xml';
import { parseXmlFile } from '../syntax/xmlFile';

/** Attribute titles by id, and defaults, for one class (`node` or `edge`). */
function declarations(
  graph: XmlElement,
  cls: 'node' | 'edge',
): { titles: Map<string, string>; defaults: Map<string, string>; lists: Set<string> } {
  const titles = new Map<string, string>();
  const defaults = new Map<string, string>();
  const lists = new Set<string>();
  for (const block of childrenNamed(graph, 'attributes')) {
    if ((block.attrs.class ?? 'node') !== cls) continue;
    for (const a of childrenNamed(block, 'attribute')) {
      const id = a.attrs.id ?? a.attrs.title ?? '';
      const title = a.attrs.title ?? id;
      titles.set(id, title);
      const isList = /^list/i.test(a.attrs.type ?? '');
      if (isList) lists.add(title);
      const def = childrenNamed(a, 'default')[0];
      const text = def?.children.filter((c): c is string => typeof c === 'string').join('');
      if (text !== undefined) defaults.set(title, isList ? listValue(text) : text);
    }
  }
  return { titles, defaults, lists };
}

/**
 * A GEXF list value (`[a, b]` as Gephi writes it, `a|b` in GEXF 1.2, `a;b`) as ChainAtlas writes a
 * list: items separated by `;` (a `;` inside an item kept as `\;`).
 */
export function listValue(raw: string): string {
  const text = raw.trim();
  const inner = /^\[.*\]$/s.test(text) ? text.slice(1, -1) : text;
  const items = (/^\[.*\]$/s.test(text) ? inner.split(',') : inner.includes('|') ? inner.split('|') : inner.split(';'))
    .map((s) => s.trim().replace(/^(["'])(.*)\1$/s, '$2'))
    .filter((s) => s !== '');
  return items.map((s) => s.replace(/;/g, '\\;')).join(';');
}

function attvalues(el: XmlElement, decl: ReturnType<typeof declarations>): Map<string, string> {
  const attrs = new Map(decl.defaults);
  for (const v of childrenNamed(el, 'attvalues').flatMap((a) => childrenNamed(a, 'attvalue'))) {
    const ref = v.attrs.for ?? v.attrs.id ?? '';
    const title = decl.titles.get(ref) ?? ref;
    const value = v.attrs.value ?? '';
    attrs.set(title, decl.lists.has(title) ? listValue(value) : value);
  }
  return attrs;
}

interface RawNode {
  readonly el: XmlElement;
  readonly id: string;
  /** The parent node's id: the node it is nested in, or its `pid`. */
  readonly parent?: string;
}

/**
 * The nodes of a graph, nested ones included. A parent (a node with nodes nested in it, or named by
 * some `pid`) is a group: its label is the sub-chain of the nodes under it, and it is a link only if an
 * edge reaches it. Nesting is walked with a stack, so a deep hierarchy cannot overflow the call stack.
 */
function hierarchyNodes(
  graph: XmlElement,
  decl: ReturnType<typeof declarations>,
  where: (offset: number) => GraphNode['where'],
  edges: readonly GraphEdge[],
): GraphNode[] {
  const raw: RawNode[] = [];
  const stack: { el: XmlElement; parent?: string }[] = childrenNamed(graph, 'nodes')
    .flatMap((n) => childrenNamed(n, 'node'))
    .map((el) => ({ el }))
    .reverse();
  while (stack.length > 0) {
    const { el, parent } = stack.pop()!;
    const id = el.attrs.id ?? '';
    const pid = parent ?? (el.attrs.pid !== undefined && el.attrs.pid.trim() !== '' ? el.attrs.pid : undefined);
    raw.push({ el, id, ...(pid !== undefined ? { parent: pid } : {}) });
    const children = childrenNamed(el, 'nodes').flatMap((n) => childrenNamed(n, 'node'));
    for (let i = children.length - 1; i >= 0; i--) stack.push({ el: children[i]!, parent: id });
  }
  const byId = new Map(raw.map((n) => [n.id, n]));
  const parents = new Set(raw.flatMap((n) => (n.parent !== undefined && byId.has(n.parent) ? [n.parent] : [])));
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const label = (n: RawNode) => {
    const l = n.el.attrs.label;
    return l !== undefined && l.trim() !== '' ? l : undefined;
  };
  return raw
    .filter((n) => !parents.has(n.id) || linked.has(n.id))
    .map((n) => {
      const parent = n.parent !== undefined ? byId.get(n.parent) : undefined;
      const group = parent ? (label(parent) ?? parent.id) : undefined;
      const text = label(n);
      return {
        id: n.id,
        ...(text !== undefined ? { label: text } : {}),
        attrs: attvalues(n.el, decl),
        where: where(n.el.offset),
        ...(group !== undefined ? { group } : {}),
      };
    });
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
  const edges: GraphEdge[] = childrenNamed(graph, 'edges')
    .flatMap((e) => childrenNamed(e, 'edge'))
    .map((e) => ({
      source: e.attrs.source ?? '',
      target: e.attrs.target ?? '',
      attrs: attvalues(e, edgeDecl),
      where: where(e.offset),
    }));
  const nodes = hierarchyNodes(graph, nodeDecl, where, edges);
  return toParsed({ nodes, edges }, ctx, 'gexf', encoding, progress.part(0.7, 1));
}
