/**
 * Graph files (GraphML, GEXF, Cytoscape.js JSON) to a chain patch: nodes become links, edges supply
 * edges, and node status attributes link states. What a drawing tool does not know (a stage, a
 * sub-chain, a valid id) gets a default and a warning, and every record cites the imported file.
 */
import type { ChainLink, Citation, LinkState, Localized, Stage, SubChain, SupplyEdge } from '../../model/types';
import { isValidId } from '../../model/validation/reader';
import { digestText } from '../../model/digest';
import { sameValue } from '../../model/edits';
import { edgeKey } from '../../model/order';
import { readDate, readList } from '../syntax/cells';
import { readStage, readStatus } from '../words';
import type { Where } from '../issues';
import { importError, importWarning } from '../issues';
import { Origins } from '../origins';
import { importSourceFor } from '../tables/tableAssemble';
import { normalizeName } from '../tables/tables';
import type { DatasetPatch, ImportContext, ImportIssue } from '../types';

/** A node as a graph file gives it: its id, label, and attributes by name as written. */
export interface GraphNode {
  readonly id: string;
  readonly label?: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly where: Where;
  /** The label of the group (yEd) the node sits in, a sub-chain when the node names none. */
  readonly group?: string;
}

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly where: Where;
}

export interface GraphInput {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Graph-level attributes (`chain_id`, `region_id`). */
  readonly graphAttrs?: ReadonlyMap<string, string>;
}

/** An attribute by any of `names` (compared without case, `_`, `-` or spaces). */
function attr(attrs: ReadonlyMap<string, string>, ...names: string[]): { name: string; value: string } | undefined {
  for (const [name, value] of attrs) {
    if (names.includes(normalizeName(name)) && value.trim() !== '') return { name, value };
  }
  return undefined;
}

/**
 * A stored record met again in a graph file: kept as it is (with its own sources) when the file changes
 * none of its fields, else updated with the file's citation added to those it had, since the file now
 * vouches for some of what it says. Drawing tools carry no descriptions, intensities or notes, so a
 * round trip through one must not drop them, nor the sources behind them.
 */
function keepOrCite<T extends { readonly sources: readonly Citation[] }>(stored: T, incoming: T): T {
  const { sources: _a, ...was } = stored;
  const { sources: fileCitation, ...now } = incoming;
  if (sameValue(was, now)) return stored;
  const sources = [...stored.sources];
  for (const c of fileCitation) if (!sources.some((s) => sameValue(s, c))) sources.push(c);
  return { ...incoming, sources };
}

/**
 * A stored link's name after a file: the names the file gives in each language, else a plain label
 * that differs from both stored names taken as the name in the language it is written in.
 */
function updatedName(stored: Localized, zh: string | undefined, en: string | undefined, label: string): Localized {
  if (zh !== undefined || en !== undefined) return { zh: zh ?? stored.zh, en: en ?? stored.en };
  if (label === stored.zh || label === stored.en) return stored;
  return /[\u3400-\u9fff]/.test(label) ? { ...stored, zh: label } : { ...stored, en: label };
}

/** An id made valid: characters ids cannot hold become `_`; text with none left is hashed. */
export function slugId(text: string): string {
  const slug = text
    .trim()
    .replace(/[^A-Za-z0-9_.:-]+/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100)
    .replace(/[_.:-]+$/, '');
  return /[A-Za-z0-9]/.test(slug) ? slug : `n-${digestText(text)}`;
}

/**
 * Hands out ids slugged from text, each unused in `taken` (which it extends): `LFP正极` and `LFP负极`
 * both slug to `LFP`, so the second becomes `LFP-2`. Remembers the next suffix per slug, so many
 * colliding names cost no more than distinct ones.
 */
function uniqueSlugs(taken: Set<string>): (text: string) => string {
  const next = new Map<string, number>();
  return (text) => {
    const base = slugId(text);
    let slug = base;
    if (taken.has(slug)) {
      let k = next.get(base) ?? 2;
      do slug = `${base.slice(0, 96)}-${k++}`;
      while (taken.has(slug));
      next.set(base, k);
    }
    taken.add(slug);
    return slug;
  };
}

/** Summarises one kind of default into a single warning (at the first node), naming a few ids. */
function summarise(
  issues: ImportIssue[],
  file: string,
  code: 'default-stage' | 'default-sub-chain',
  nodes: GraphNode[],
  message: string,
): void {
  const first = nodes[0];
  if (!first) return;
  const names =
    nodes
      .slice(0, 5)
      .map((n) => n.id)
      .join(', ') + (nodes.length > 5 ? ', …' : '');
  issues.push(
    importWarning(code, file, first.where, `${nodes.length} node(s) (${names}) ${message}`, {
      count: nodes.length,
      ids: names,
    }),
  );
}

/** The chain (and region, when nodes carry statuses) patch a graph file gives. */
export async function graphToPatch(
  graph: GraphInput,
  ctx: ImportContext,
  issues: ImportIssue[],
  tick: (fraction: number) => Promise<void> = async () => {},
): Promise<{ patch: DatasetPatch; origins: Origins }> {
  const file = ctx.fileName;
  const origins = new Origins();
  const source = importSourceFor(ctx);
  const current = ctx.current;
  const currentRegion = current?.regions.find((r) => r.id === (ctx.regionId ?? current.regions[0]?.id));
  const graphChain = graph.graphAttrs && attr(graph.graphAttrs, 'chainid')?.value;
  const graphRegion = graph.graphAttrs && attr(graph.graphAttrs, 'regionid')?.value;
  const chainId =
    (graphChain && isValidId(graphChain) ? graphChain : undefined) ??
    currentRegion?.chainId ??
    current?.chains[0]?.id ??
    'imported';
  const regionId = (graphRegion && isValidId(graphRegion) ? graphRegion : undefined) ?? currentRegion?.id ?? 'imported';
  const baseChain = current?.chains.find((c) => c.id === chainId);
  const baseRegion = current?.regions.find((r) => r.id === regionId);
  const cite = (locator: string): Citation[] => [{ sourceId: source.id, locator }];
  const storedLinks = new Map((baseChain?.links ?? []).map((l) => [l.id, l]));
  const storedEdges = new Map((baseChain?.edges ?? []).map((e) => [edgeKey(e.from, e.to), e]));
  const storedStates = new Map((baseRegion?.linkStates ?? []).map((s) => [s.linkId, s]));

  // Ids: valid ones kept, others slugged (unique), the original kept as an alias.
  const idMap = new Map<string, string>();
  const nodeSlug = uniqueSlugs(new Set<string>(graph.nodes.map((n) => n.id).filter(isValidId)));
  for (const node of graph.nodes) {
    if (idMap.has(node.id)) {
      issues.push(
        importError('duplicate-id', file, node.where, `node id "${node.id}" is used twice`, { value: node.id }),
      );
      continue;
    }
    if (isValidId(node.id)) {
      idMap.set(node.id, node.id);
      continue;
    }
    const slug = nodeSlug(node.id);
    idMap.set(node.id, slug);
    issues.push(
      importWarning(
        'slugged-id',
        file,
        node.where,
        `node id "${node.id}" is not a valid ChainAtlas id; it becomes "${slug}" (the original is kept as an alias)`,
        { value: node.id, id: slug },
      ),
    );
  }

  const subChains: SubChain[] = [];
  const known = [...(baseChain?.subChains ?? [])];
  let nextOrder = Math.max(0, ...known.map((s) => s.order)) + 1;
  // A sub-chain named in the file is one the chain knows (by id or name) or a new one; new names that
  // slug alike (`LFP正极`, `LFP负极`) stay apart.
  const subChainIds = new Set(known.map((s) => s.id));
  const subChainSlug = uniqueSlugs(subChainIds);
  const subChainOf = new Map<string, string>();
  const subChainFor = (value: string, names?: { zh?: string; en?: string; order?: string }): string => {
    const seen = subChainOf.get(value);
    if (seen) return seen;
    const lower = value.toLowerCase();
    const found = known.find((s) => s.id === value || s.name.zh === value || s.name.en.toLowerCase() === lower);
    if (found) return found.id;
    const id = isValidId(value) ? value : subChainSlug(value);
    subChainIds.add(id);
    subChainOf.set(value, id);
    const order = Number(names?.order);
    const sub: SubChain = {
      id,
      name: { zh: names?.zh ?? value, en: names?.en ?? value },
      order: Number.isFinite(order) && names?.order ? order : nextOrder++,
    };
    subChains.push(sub);
    known.push(sub);
    return id;
  };

  const links: ChainLink[] = [];
  const states: LinkState[] = [];
  const noStage: GraphNode[] = [];
  const noSubChain: GraphNode[] = [];
  let done = 0;
  for (const node of graph.nodes) {
    if (++done % 2000 === 0) await tick(done / (graph.nodes.length + graph.edges.length));
    const id = idMap.get(node.id);
    if (id === undefined) continue;
    const a = node.attrs;
    const zh = attr(a, 'namezh', 'zh', 'labelzh')?.value;
    const en = attr(a, 'nameen', 'en', 'labelen')?.value;
    const label = node.label ?? attr(a, 'label', 'name', 'sharedname')?.value ?? zh ?? en ?? node.id;
    // A link the chain already has is updated field by field: what the file does not say stays.
    const stored = storedLinks.get(id);
    const name: Localized = stored ? updatedName(stored.name, zh, en, label) : { zh: zh ?? label, en: en ?? label };
    const stageAttr = attr(a, 'stage', '环节类型');
    let stage: Stage = stored?.stage ?? 'intermediate';
    if (stageAttr) {
      const r = readStage(stageAttr.value);
      if (r.ok) stage = r.value;
      else
        issues.push(
          importError(
            'enum',
            file,
            { ...node.where, field: stageAttr.name },
            `node "${node.id}": ${r.message}`,
            r.params,
          ),
        );
    } else if (!stored) noStage.push(node);
    const subAttr = attr(a, 'subchain', 'subchainid', '子链');
    let subChain: string;
    if (subAttr) {
      subChain = subChainFor(subAttr.value.trim(), {
        zh: attr(a, 'subchainzh')?.value,
        en: attr(a, 'subchainen')?.value,
        order: attr(a, 'subchainorder')?.value,
      });
    } else if (node.group) subChain = subChainFor(node.group.trim());
    else if (stored) subChain = stored.subChain;
    else {
      noSubChain.push(node);
      subChain = subChainFor('imported', { zh: '导入', en: 'Imported' });
    }
    const aliasAttr = attr(a, 'aliases', '别名');
    const aliases = aliasAttr || !stored ? readList(aliasAttr?.value) : [...(stored.aliases ?? [])];
    if (id !== node.id && !aliases.includes(node.id)) aliases.push(node.id);
    const { aliases: _aliases, ...rest } = stored ?? { sources: [] };
    const link: ChainLink = {
      ...rest,
      id,
      name,
      subChain,
      stage,
      ...(aliases.length > 0 ? { aliases } : {}),
      sources: cite(`node ${node.id}`),
    };
    links.push(stored ? keepOrCite(stored, link) : link);
    const column = (field: string) =>
      field === 'stage' ? stageAttr?.name : field === 'subChain' ? subAttr?.name : undefined;
    origins.add(`chain:${chainId}`, 'link', id, { where: node.where, column });

    const statusAttr = attr(a, 'status', '状态');
    if (statusAttr) {
      const r = readStatus(statusAttr.value);
      if (!r.ok) {
        issues.push(
          importError(
            'enum',
            file,
            { ...node.where, field: statusAttr.name },
            `node "${node.id}": ${r.message}`,
            r.params,
          ),
        );
        continue;
      }
      const asOfAttr = attr(a, 'asof', 'statusasof');
      const asOf = asOfAttr ? readDate(asOfAttr.value) : undefined;
      if (asOf && !asOf.ok)
        issues.push(
          importError(
            'date',
            file,
            { ...node.where, field: asOfAttr!.name },
            `node "${node.id}": ${asOf.message}`,
            asOf.params,
          ),
        );
      const storedState = storedStates.get(id);
      const state: LinkState = {
        ...storedState,
        linkId: id,
        status: r.value,
        asOf: asOf?.ok ? asOf.value : (storedState?.asOf ?? baseRegion?.asOf ?? ctx.importedAt.slice(0, 10)),
        sources: r.value === 'unknown' ? [] : cite(`node ${node.id}`),
      };
      // A stored state keeps its sources (and what they back, as a capacity) when the file changes it.
      states.push(storedState ? keepOrCite(storedState, state) : state);
      origins.add(`region:${regionId}`, 'link-state', id, {
        where: node.where,
        column: (f) => (f === 'status' ? statusAttr.name : undefined),
      });
    }
  }
  summarise(issues, file, 'default-stage', noStage, 'have no stage; they are given stage "intermediate"');
  summarise(
    issues,
    file,
    'default-sub-chain',
    noSubChain,
    'have no sub-chain; they are put in sub-chain "imported" (导入)',
  );

  const edges: SupplyEdge[] = [];
  const seen = new Set<string>();
  for (const e of graph.edges) {
    if (++done % 2000 === 0) await tick(done / (graph.nodes.length + graph.edges.length));
    const from = idMap.get(e.source);
    const to = idMap.get(e.target);
    const missing = from === undefined ? e.source : to === undefined ? e.target : undefined;
    if (missing !== undefined) {
      issues.push(
        importError(
          'unknown-ref',
          file,
          e.where,
          `edge ${e.source} -> ${e.target} names node "${missing}", which is not in the file`,
          { value: missing, target: 'link' },
        ),
      );
      continue;
    }
    const key = edgeKey(from!, to!);
    if (from === to || seen.has(key)) {
      issues.push(
        importWarning(
          'ignored',
          file,
          e.where,
          from === to
            ? `edge ${e.source} -> ${e.target} loops on one node and is left out`
            : `edge ${e.source} -> ${e.target} repeats an earlier edge and is left out`,
        ),
      );
      continue;
    }
    seen.add(key);
    const zh = attr(e.attrs, 'notezh')?.value;
    const en = attr(e.attrs, 'noteen')?.value;
    const note = (zh ?? en) ? { note: { zh: zh ?? en!, en: en ?? zh! } } : {};
    const storedEdge = storedEdges.get(key);
    const edge: SupplyEdge = {
      ...storedEdge,
      from: from!,
      to: to!,
      ...note,
      sources: cite(`edge ${e.source}->${e.target}`),
    };
    edges.push(storedEdge ? keepOrCite(storedEdge, edge) : edge);
    origins.add(`chain:${chainId}`, 'edge', `${from} → ${to}`, { where: e.where });
  }

  const patch: DatasetPatch = {
    sources: [source],
    chain: {
      id: chainId,
      ...(baseChain
        ? {}
        : {
            name: chainId === 'imported' ? { zh: '导入的产业链', en: 'Imported chain' } : { zh: chainId, en: chainId },
          }),
      subChains,
      links,
      edges,
    },
    ...(states.length > 0
      ? {
          region: {
            id: regionId,
            ...(baseRegion
              ? {}
              : {
                  chainId,
                  asOf: ctx.importedAt.slice(0, 10),
                  ...(regionId === 'imported' ? { name: { zh: '导入的地区', en: 'Imported region' } } : {}),
                }),
            linkStates: states,
          },
        }
      : {}),
  };
  return { patch, origins };
}
