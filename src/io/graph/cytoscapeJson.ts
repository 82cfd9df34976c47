/**
 * Cytoscape.js JSON: `{elements: {nodes, edges}}`, `{elements: [...]}`, or a bare list of
 * `{group?, data}` elements (an element with `data.source` and `data.target` is an edge). Becomes a
 * chain patch; problems name the line and column of the element.
 */
import { isObject } from '../../model/validation/reader';
import { writeList } from '../syntax/cells';
import type { GraphEdge, GraphNode } from './graphPatch';
import { toParsed } from './graphml';
import { ImportStop, importError, importWarning } from '../issues';
import { lineLocator, locateJsonPaths } from '../syntax/jsonText';
import { parseJsonText } from '../nativeJson';
import type { Parsed } from '../parsed';
import type { Progress } from '../progress';
import { decodeText } from '../syntax/text';
import type { ImportContext, ImportIssue } from '../types';

/** The elements with their JSON paths, whichever of the three layouts the file uses. */
function elementsOf(doc: unknown): { path: string; value: unknown; group?: 'nodes' | 'edges' }[] | undefined {
  const list = (items: unknown, base: string, group?: 'nodes' | 'edges') =>
    Array.isArray(items)
      ? items.map((value, i) => ({ path: `${base}[${i}]`, value, ...(group ? { group } : {}) }))
      : [];
  if (Array.isArray(doc)) return list(doc, '');
  if (!isObject(doc)) return undefined;
  const els = doc.elements;
  if (Array.isArray(els)) return list(els, 'elements');
  if (isObject(els))
    return [...list(els.nodes, 'elements.nodes', 'nodes'), ...list(els.edges, 'elements.edges', 'edges')];
  return undefined;
}

/** A data value as attribute text: lists joined with `;`, objects left out. */
function attrText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return writeList(value.map(String));
  return undefined;
}

/** Reads Cytoscape.js JSON as a chain patch. */
export async function importCytoscapeJson(bytes: Uint8Array, ctx: ImportContext, progress: Progress): Promise<Parsed> {
  const file = ctx.fileName;
  const { text, encoding } = await decodeText(bytes, file, progress.part(0, 0.3));
  const doc = parseJsonText(text, file);
  await progress.tick(0.6);
  const elements = elementsOf(doc);
  if (!elements) {
    throw new ImportStop(
      importError('unknown-format', file, {}, 'this JSON is not Cytoscape.js JSON (it has no "elements" list)'),
    );
  }
  const offsets = locateJsonPaths(
    text,
    elements.map((e) => e.path),
  );
  const locate = lineLocator(text);
  const issues: ImportIssue[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const el of elements) {
    const offset = offsets.get(el.path);
    const where = { ...(offset !== undefined ? locate(offset) : {}), field: el.path };
    const data = isObject(el.value) ? el.value.data : undefined;
    if (!isObject(data)) {
      issues.push(importWarning('ignored', file, where, 'an element without "data" is left out'));
      continue;
    }
    const attrs = new Map<string, string>();
    for (const [k, v] of Object.entries(data)) {
      const t = attrText(v);
      if (t !== undefined) attrs.set(k, t);
    }
    const group =
      el.group ??
      (isObject(el.value) && (el.value.group === 'nodes' || el.value.group === 'edges')
        ? el.value.group
        : data.source !== undefined && data.target !== undefined
          ? 'edges'
          : 'nodes');
    if (group === 'edges') {
      edges.push({ source: attrText(data.source) ?? '', target: attrText(data.target) ?? '', attrs, where });
      continue;
    }
    const id = attrText(data.id);
    if (id === undefined || id.trim() === '') {
      issues.push(importError('required', file, { ...where, field: `${el.path}.data.id` }, 'a node needs an "id"'));
      continue;
    }
    const label = attrText(data.label) ?? attrText(data.name);
    nodes.push({ id, ...(label !== undefined && label.trim() !== '' ? { label } : {}), attrs, where });
  }
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues, format: 'cytoscape-json', encoding };
  const parsed = await toParsed({ nodes, edges }, ctx, 'cytoscape-json', encoding, progress.part(0.7, 1));
  return { ...parsed, issues: [...issues, ...parsed.issues] } as Parsed;
}
