/**
 * GraphML, as yEd, Gephi and Cytoscape desktop write it: `<key>` declarations (attr.name, for,
 * defaults), `<data key>` values, yEd's labels inside `y:NodeLabel`, and yEd groups (a node holding a
 * nested graph), whose label becomes the sub-chain of the nodes inside. The writer puts names in
 * both languages, sub-chains, stages and statuses in keys, so that an export reads back the same.
 */
import type { Dataset } from '../../model/types';
import { writeList } from '../syntax/cells';
import type { GraphEdge, GraphInput, GraphNode } from './graphPatch';
import { graphToPatch } from './graphPatch';
import { textOfHtml } from '../syntax/htmlText';
import { ImportStop, hasErrors, importError } from '../issues';
import type { Parsed } from '../parsed';
import type { Progress } from '../progress';
import { encodeUtf8 } from '../syntax/text';
import type { ExportOptions, ImportContext, ImportIssue } from '../types';
import { parseXmlFile } from '../syntax/xmlFile';
import type { XmlElement } from '../syntax/xml';
import { childrenNamed, escapeXml, localName, textOf } from '../syntax/xml';

interface Key {
  readonly name: string;
  readonly for: string;
  readonly graphics: boolean;
  readonly default?: string;
}

/**
 * A label as its text: yEd writes formatted labels as HTML (`<html><b>电芯</b><br>Cell</html>`,
 * escaped or in CDATA), which arrive as the words they show, on one line.
 */
export function labelText(text: string): string {
  const trimmed = text.trim();
  if (!/^<html[\s>]/i.test(trimmed)) return trimmed;
  return textOfHtml(trimmed)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** The first yEd label (`y:NodeLabel`, `y:EdgeLabel`) under `el`, searched without recursion. */
function yedLabel(el: XmlElement): string | undefined {
  const todo: XmlElement[] = [el];
  while (todo.length > 0) {
    const node = todo.shift()!;
    const n = localName(node.name);
    if (n === 'NodeLabel' || n === 'EdgeLabel') {
      const text = labelText(textOf(node));
      if (text) return text;
    }
    for (const c of node.children) if (typeof c !== 'string') todo.push(c);
  }
  return undefined;
}

function readKeys(root: XmlElement): Map<string, Key> {
  const keys = new Map<string, Key>();
  for (const k of childrenNamed(root, 'key')) {
    const id = k.attrs.id;
    if (id === undefined) continue;
    const def = childrenNamed(k, 'default')[0];
    keys.set(id, {
      name: k.attrs['attr.name'] ?? id,
      for: k.attrs.for ?? 'all',
      graphics: k.attrs['yfiles.type'] !== undefined,
      ...(def ? { default: textOf(def) } : {}),
    });
  }
  return keys;
}

/** An element's `<data>` values by attribute name, with the keys' defaults, and its yEd label. */
function readData(
  el: XmlElement,
  keys: ReadonlyMap<string, Key>,
  kind: 'node' | 'edge' | 'graph',
): { attrs: Map<string, string>; label?: string } {
  const attrs = new Map<string, string>();
  for (const k of keys.values())
    if ((k.for === kind || k.for === 'all') && k.default !== undefined) attrs.set(k.name, k.default);
  let label: string | undefined;
  for (const d of childrenNamed(el, 'data')) {
    const key = keys.get(d.attrs.key ?? '');
    if (key?.graphics) label ??= yedLabel(d);
    else attrs.set(key?.name ?? d.attrs.key ?? '', textOf(d));
  }
  return { attrs, ...(label !== undefined ? { label } : {}) };
}

/** Reads a GraphML file as a chain patch. */
export async function importGraphml(bytes: Uint8Array, ctx: ImportContext, progress: Progress): Promise<Parsed> {
  const file = ctx.fileName;
  const { root, where, encoding } = await parseXmlFile(bytes, file, progress.part(0, 0.7));
  if (localName(root.name) !== 'graphml') {
    throw new ImportStop(
      importError('unknown-format', file, where(root.offset), `the root element is <${root.name}>, not <graphml>`),
    );
  }
  const keys = readKeys(root);
  const top = childrenNamed(root, 'graph')[0];
  if (!top) throw new ImportStop(importError('no-nodes', file, where(root.offset), 'the file holds no <graph>'));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  // Nested graphs are yEd groups: walk them with a queue, carrying the group's label.
  const queue: { graph: XmlElement; group?: string }[] = [{ graph: top }];
  while (queue.length > 0) {
    const { graph, group } = queue.shift()!;
    for (const [i, child] of graph.children.entries()) {
      if (i % 4000 === 0) await progress.tick(0.7);
      if (typeof child === 'string') continue;
      const n = localName(child.name);
      if (n === 'node') {
        const { attrs, label } = readData(child, keys, 'node');
        const nested = childrenNamed(child, 'graph')[0];
        if (nested) {
          queue.push({ graph: nested, group: label ?? attrs.get('label') ?? child.attrs.id });
          continue;
        }
        nodes.push({
          id: child.attrs.id ?? '',
          ...(label !== undefined ? { label } : {}),
          attrs,
          where: where(child.offset),
          ...(group !== undefined ? { group } : {}),
        });
      } else if (n === 'edge') {
        const { attrs } = readData(child, keys, 'edge');
        edges.push({
          source: child.attrs.source ?? '',
          target: child.attrs.target ?? '',
          attrs,
          where: where(child.offset),
        });
      }
    }
  }
  return toParsed(
    { nodes, edges, graphAttrs: readData(top, keys, 'graph').attrs },
    ctx,
    'graphml',
    encoding,
    progress.part(0.7, 1),
  );
}

/** Shared end of the graph readers: the patch, or the errors. */
export async function toParsed(
  graph: GraphInput,
  ctx: ImportContext,
  format: 'graphml' | 'gexf' | 'cytoscape-json',
  encoding: string | undefined,
  progress: Progress,
): Promise<Parsed> {
  const issues: ImportIssue[] = [];
  const details = { format, ...(encoding ? { encoding } : {}) };
  if (graph.nodes.length === 0) {
    return { ok: false, issues: [importError('no-nodes', ctx.fileName, {}, 'the graph has no nodes')], ...details };
  }
  const { patch, origins } = await graphToPatch(graph, ctx, issues, (f) => progress.tick(f));
  if (hasErrors(issues)) return { ok: false, issues, ...details };
  return { ok: true, kind: 'patch', patch, issues, origins, ...details };
}

const NODE_KEYS = [
  'label',
  'name_zh',
  'name_en',
  'sub_chain',
  'sub_chain_zh',
  'sub_chain_en',
  'sub_chain_order',
  'stage',
  'status',
  'aliases',
];
const EDGE_KEYS = ['note_zh', 'note_en'];

/**
 * One chain (and one region's statuses) as GraphML: the chain `options.chainId` (default: the region's
 * chain, else the first), statuses of `options.regionId` (default: the first region on that chain).
 */
export function exportGraphml(dataset: Dataset, options: ExportOptions = {}): Uint8Array {
  const regionHint = dataset.regions.find((r) => r.id === options.regionId);
  const chain = dataset.chains.find((c) => c.id === (options.chainId ?? regionHint?.chainId)) ?? dataset.chains[0];
  const region = regionHint ?? dataset.regions.find((r) => r.chainId === chain?.id);
  const states = new Map((region?.chainId === chain?.id ? region?.linkStates : [])?.map((s) => [s.linkId, s.status]));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="chain_id" for="graph" attr.name="chain_id" attr.type="string"/>',
    '  <key id="region_id" for="graph" attr.name="region_id" attr.type="string"/>',
    ...NODE_KEYS.map(
      (k) =>
        `  <key id="${k}" for="node" attr.name="${k}" attr.type="${k === 'sub_chain_order' ? 'double' : 'string'}"/>`,
    ),
    ...EDGE_KEYS.map((k) => `  <key id="${k}" for="edge" attr.name="${k}" attr.type="string"/>`),
  ];
  const data = (key: string, value: string | number | undefined) =>
    value === undefined ? '' : `<data key="${key}">${escapeXml(String(value))}</data>`;
  if (chain) {
    out.push(`  <graph id="${escapeXml(chain.id)}" edgedefault="directed">`);
    out.push(`    ${data('chain_id', chain.id)}${region ? data('region_id', region.id) : ''}`);
    const subs = new Map(chain.subChains.map((s) => [s.id, s]));
    for (const l of chain.links) {
      const sub = subs.get(l.subChain);
      const fields = [
        data('label', l.name.zh),
        data('name_zh', l.name.zh),
        data('name_en', l.name.en),
        data('sub_chain', l.subChain),
        data('sub_chain_zh', sub?.name.zh),
        data('sub_chain_en', sub?.name.en),
        data('sub_chain_order', sub?.order),
        data('stage', l.stage),
        data('status', states.get(l.id)),
        data('aliases', l.aliases?.length ? writeList(l.aliases) : undefined),
      ];
      out.push(`    <node id="${escapeXml(l.id)}">${fields.join('')}</node>`);
    }
    chain.edges.forEach((e, i) => {
      out.push(
        `    <edge id="e${i}" source="${escapeXml(e.from)}" target="${escapeXml(e.to)}">${data('note_zh', e.note?.zh)}${data('note_en', e.note?.en)}</edge>`,
      );
    });
    out.push('  </graph>');
  }
  out.push('</graphml>', '');
  return encodeUtf8(out.join('\n'));
}
