/**
 * The one adapter that owns the Cytoscape instance. Components hand it element data and positions and
 * listen for selections; they never touch `cy`. Updates are diffed inside `cy.batch()` so a language
 * switch or a status edit restyles in place instead of rebuilding the graph.
 */
import type { HaloKind } from './palette';
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { LinkStatus, ViewBox } from '../model/types';
import { estimateText, LINK_FONT_SIZE, PAD_X, PAD_Y, type ChainElements } from './elements';
import {
  FRAME_ID,
  firmNodeId,
  firmStylesheet,
  placeLinkFirms,
  type FirmLayerSnapshot,
  type LinkFirmsSpec,
} from './firmElements';
import { chooseLabels, LabelPriority, TITLE_PX, type LabelChoice, type LabelItem } from './labels';
import { GROUP_PADDING, type Point, type Positions } from './layout';
import { STATUS_GLYPH } from './icons';
import { drawFirstFrameDirectly, hasHardwareWebgl } from './renderer';
import { FIRST_DRAW, phaseSince } from './startPhases';
import { chainStylesheet, readableLod, TITLE_FONT_SIZE, type LabelLod } from './style';

/** The chain as drawn, in layout coordinates, for exporters. */
export interface GraphSnapshot {
  readonly boxes: readonly { id: string; label: string; x1: number; y1: number; x2: number; y2: number }[];
  readonly links: readonly {
    id: string;
    label: string;
    status: LinkStatus;
    x: number;
    y: number;
    width: number;
    height: number;
    wrapWidth: number;
    /** The region's firms on the link (drawn as a count on its corner when > 0). */
    firms?: number;
    classes: readonly string[];
  }[];
  readonly edges: readonly {
    id: string;
    source: string;
    target: string;
    local: boolean;
    feedback: boolean;
    classes: readonly string[];
    from: { x: number; y: number };
    to: { x: number; y: number };
  }[];
  /** A link's firms drawn below it, when it is expanded (see `firmElements.ts`). */
  readonly firms?: FirmLayerSnapshot;
}

export interface ChainGraphEvents {
  /** A link was tapped (its id), or the background (null). */
  readonly onSelect?: (linkId: string | null) => void;
  /** The user dragged links; all link positions as they now stand. */
  readonly onMoved?: (positions: Record<string, Point>) => void;
}

/** What the firm layer reports: a firm tapped (its key), or a column's "N more" node. */
export interface FirmLayerEvents {
  readonly onFirm: (key: string) => void;
  readonly onMore: (column: 0 | 1 | 2) => void;
}

/** What to emphasise: the selection, a trace from it, and the links the filters let through. */
export interface Emphasis {
  readonly selected: string | null;
  /** Links reached by tracing (empty when not tracing). */
  readonly traced: ReadonlySet<string>;
  readonly tracing: boolean;
  /** The trace goes round recycling loops (so feedback edges are part of it). */
  readonly loops: boolean;
  /** Links the filters let through, or null when nothing is filtered. */
  readonly matching: ReadonlySet<string> | null;
  /** In the gap view: links on the gap list, by kind (gap, to verify, extension, weak). */
  readonly actionable?: ReadonlyMap<string, HaloKind>;
  /** Links a what-if scenario changes. */
  readonly changed?: ReadonlySet<string>;
  /** Links with a sync conflict waiting to be resolved. */
  readonly conflicted?: ReadonlySet<string>;
}

export { FIRST_DRAW };

/** A node's box on the canvas, in CSS pixels from the canvas's top-left corner. */
export interface RenderedBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * What browser tests and the bench read from the drawn graph, and the one thing they set (the zoom),
 * published on the canvas element as `chainProbe` (see `ProbeHost`) once the chain is rendered. It keeps
 * them off Cytoscape's internals; the app itself never uses it.
 */
export interface ChainProbe {
  zoom(): number;
  /** The canvas's size in CSS pixels, as the renderer draws it. */
  size(): { width: number; height: number };
  /** The link nodes drawn: id, name (without the wrapping marks), status and classes. */
  links(): { id: string; label: string; status: string; classes: string[] }[];
  /** A node's box on the canvas (with its label unless `labels` is false), or null when not drawn. */
  box(id: string, labels?: boolean): RenderedBox | null;
  /** Where a node stands in the layout (model coordinates), or null when not drawn. */
  position(id: string): { x: number; y: number } | null;
  /** Each link's label size on screen (font size × zoom, CSS pixels), null when hidden; box titles' sizes. */
  labels(): { zoom: number; links: Record<string, number | null>; titles: number[] };
  /** The firm drawn in the middle of an expanded link (the largest): its id and title, or null. */
  centreFirm(): { id: string; title: string } | null;
  /** Zooms to `level` around the centre of the view, stopping any animation; returns the zoom reached. */
  zoomTo(level: number): number;
  /** Links can no longer be dragged: a drag pans the view wherever it starts (the bench's pan). */
  lockNodes(): void;
}

/** The canvas element, once a chain is rendered on it. */
export type ProbeHost = HTMLElement & { chainProbe?: ChainProbe };

/** The classes `emphasise` sets, and a selector for the elements that carry any of them. */
const EMPHASIS_CLASSES = [
  'dimmed',
  'traced',
  'focus',
  'neighbour',
  'act-gap',
  'act-verify',
  'act-extension',
  'act-weak',
  'changed',
  'sync-conflict',
];
const EMPHASIS_SELECTOR = EMPHASIS_CLASSES.map((c) => `.${c}`).join(', ');

/** The closest "fit" zooms: a chain of three links fills the view at this scale, not at the 4× zoom allows. */
const FIT_MAX_ZOOM = 2;
/** The closest a view's subject is framed: labels at about 20 px, a few links filling the view. */
const FRAME_MAX_ZOOM = 1.5;
/** Labels are chosen again this long after the last zoom, pan or change (ms). */
const RELABEL_DELAY = 120;
/** Classes of the level of detail, which exports leave out (they draw every label at their own scale). */
const LOD_CLASSES = new Set(['lbl-lod', 'lbl-small', 'lbl-none', 'lbl-hover']);
/** Statuses whose labels come before unknown links'. */
const KNOWN = new Set<LinkStatus>(['strong', 'present', 'building', 'attracting', 'missing']);

export class ChainGraph {
  readonly #cy: Core;
  readonly #events: ChainGraphEvents;
  /** How scaled labels are drawn, read by the stylesheet (see `labels.ts`). */
  readonly #lod: LabelLod = readableLod();
  /** What the view is about: its labels are drawn first. */
  #subject: ReadonlySet<string> = new Set();
  #relabelTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(container: HTMLElement, events: ChainGraphEvents = {}, opts: { webgl?: boolean } = {}) {
    const begun = performance.now();
    this.#events = events;
    const webgl = opts.webgl ?? hasHardwareWebgl();
    this.#cy = cytoscape({
      container,
      style: [...chainStylesheet(this.#lod), ...firmStylesheet()],
      layout: { name: 'preset' },
      minZoom: 0.15,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: false,
      selectionType: 'single',
      webgl,
    });
    if (!webgl) drawFirstFrameDirectly(this.#cy);
    this.#cy.on('tap', 'node[kind = "link"]', (event) => this.#events.onSelect?.(event.target.id()));
    this.#cy.on('tap', (event) => {
      if (event.target === this.#cy) this.#events.onSelect?.(null);
    });
    this.#cy.on('tap', 'node[kind = "firm"]', (event) => this.#firmEvents?.onFirm(event.target.data('key') as string));
    this.#cy.on('tap', 'node[kind = "firm-more"]', (event) =>
      this.#firmEvents?.onMore(event.target.data('column') as 0 | 1 | 2),
    );
    // An expanded link's firms hang from it: they move with it while it is dragged.
    this.#cy.on('drag', 'node[kind = "link"]', (event) => this.#followLink(event.target as NodeSingular));
    this.#cy.on('dragfree', 'node[kind = "link"]', () => {
      this.#cy.batch(() => this.#fitBoxes());
      this.#scheduleLabels();
      this.#events.onMoved?.(this.positions());
    });
    // Labels are chosen again once a zoom or pan comes to rest, not on every frame of it.
    this.#cy.on('viewport resize', () => this.#scheduleLabels());
    // A link whose label the level of detail leaves out shows it while the pointer is on it.
    this.#cy.on('mouseover', 'node.lbl-none', (event) => event.target.addClass('lbl-hover'));
    this.#cy.on('mouseout', 'node.lbl-hover', (event) => event.target.removeClass('lbl-hover'));
    this.#resize = new ResizeObserver(() => this.#cy.resize());
    this.#resize.observe(container);
    phaseSince('cytoscape', begun);
  }

  #scheduleLabels(): void {
    clearTimeout(this.#relabelTimer);
    this.#relabelTimer = setTimeout(() => this.#relabel(), RELABEL_DELAY);
  }

  /**
   * Chooses labels at once rather than when the view comes to rest (the bench times it); returns how
   * many link labels are drawn.
   */
  labelsNow(): number {
    clearTimeout(this.#relabelTimer);
    const choice = this.#relabel();
    return !choice ? 0 : choice.scaled ? choice.shown.size : this.linkCount();
  }

  /** Labels are drawn first for these links (a view's subject: the gaps, the filtered sub-chain). */
  setSubject(ids: Iterable<string>): void {
    this.#subject = new Set(ids);
    this.#scheduleLabels();
  }

  /**
   * Chooses which labels to draw at the current zoom (`chooseLabels`) and applies the choice as
   * classes: below the readable zoom, chosen labels are drawn at a constant size on screen and the
   * others hidden; box titles grow to stay readable.
   */
  #relabel(): LabelChoice | undefined {
    const cy = this.#cy;
    const links = cy.nodes('[kind = "link"]');
    const groups = cy.nodes('[kind = "group"]');
    if (links.empty()) return undefined;
    const zoom = cy.zoom();
    const titleSize = TITLE_FONT_SIZE * Math.max(1, TITLE_PX / (TITLE_FONT_SIZE * zoom));
    const neighbours = new Set<string>();
    cy.nodes('.focus')
      .connectedEdges()
      .forEach((e) => {
        neighbours.add(e.source().id());
        neighbours.add(e.target().id());
      });
    const priority = (n: NodeSingular): number => {
      if (n.hasClass('focus')) return LabelPriority.focus;
      if (n.hasClass('dimmed')) return LabelPriority.dimmed;
      if (this.#subject.has(n.id()) || n.hasClass('traced') || neighbours.has(n.id())) return LabelPriority.subject;
      const classes = n.classes();
      if (classes.some((c) => c.startsWith('act-') || c === 'changed' || c === 'sync-conflict'))
        return LabelPriority.marked;
      return KNOWN.has(n.data('status') as LinkStatus) ? LabelPriority.known : LabelPriority.rest;
    };
    const items: LabelItem[] = [];
    groups.forEach((g) => {
      const p = g.position();
      const height = titleSize * 1.25;
      items.push({
        id: g.id(),
        x: p.x,
        y: p.y - (g.data('height') as number) / 2 - 3 / Math.min(1, zoom) - height / 2,
        width: estimateText(String(g.data('label')), titleSize) * 1.1,
        height,
        priority: LabelPriority.title,
      });
    });
    links.forEach((n) => {
      const p = n.position();
      items.push({
        id: n.id(),
        x: p.x,
        y: p.y,
        width: (n.data('width') as number) - 2 * PAD_X,
        height: (n.data('height') as number) - 2 * PAD_Y,
        priority: priority(n),
      });
    });
    const choice = chooseLabels(items, {
      zoom,
      pan: cy.pan(),
      width: cy.width(),
      height: cy.height(),
      baseFontSize: LINK_FONT_SIZE,
    });
    const restyle = this.#lod.zoom !== zoom;
    cy.batch(() => {
      // Only elements whose classes change: Cytoscape restyles (and redraws from scratch) every element
      // `addClass` or `removeClass` is called on, even one that already has, or lacks, the class.
      // Box titles, the aggregate layer, grow to stay readable whenever the view is zoomed out.
      if (zoom < 1) groups.not('.lbl-lod').addClass('lbl-lod');
      else groups.filter('.lbl-lod').removeClass('lbl-lod');
      if (!choice.scaled) {
        links.filter('.lbl-lod, .lbl-small, .lbl-none, .lbl-hover').removeClass('lbl-lod lbl-small lbl-none lbl-hover');
        Object.assign(this.#lod, { zoom, titleSize });
      } else {
        const { fontSize, scale, smallFontSize, smallScale } = choice;
        Object.assign(this.#lod, { zoom, fontSize, scale, smallFontSize, smallScale, titleSize });
        links.forEach((n) => {
          const id = n.id();
          if (!choice.shown.has(id)) {
            if (!n.hasClass('lbl-none')) n.removeClass('lbl-lod lbl-small').addClass('lbl-none');
            return;
          }
          if (!n.hasClass('lbl-lod')) n.removeClass('lbl-none lbl-hover').addClass('lbl-lod');
          if (choice.small.has(id) !== n.hasClass('lbl-small')) n.toggleClass('lbl-small', choice.small.has(id));
        });
      }
      // Those that kept their class were styled for the previous zoom.
      if (restyle) (cy.nodes('.lbl-lod') as unknown as { updateStyle(): void }).updateStyle();
    });
    return choice;
  }

  readonly #resize: ResizeObserver;

  /**
   * Brings the drawn graph in line with `elements`: removes what is gone, adds what is new (link nodes
   * at `positions` where given) and updates the data that changed, so Cytoscape restyles only those
   * elements. Links already drawn stay where they are, dragged or not: `place` moves them.
   */
  render(elements: ChainElements, positions: Positions | undefined): void {
    const begun = performance.now();
    const cy = this.#cy;
    const wanted: ElementDefinition[] = [
      ...elements.groups.map((g) => ({ group: 'nodes' as const, data: { ...g } })),
      ...elements.links.map((l) => ({
        group: 'nodes' as const,
        // What the canvas writes: the status glyph before the name, wrapped where the name alone wraps, or
        // at the box's inner width with half its padding to spare when that is wider (room for the glyph):
        // a line never runs more than half the padding past the box.
        data: {
          ...l,
          glyph: STATUS_GLYPH[l.status],
          text: `${STATUS_GLYPH[l.status]} ${l.label}`,
          textWidth: Math.max(l.wrapWidth, l.width - PAD_X),
        },
        position: positions?.[l.id] ? { ...positions[l.id]! } : undefined,
      })),
      ...elements.edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
    ];
    const wantedIds = new Set(wanted.map((w) => w.data.id!));
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wantedIds.has(el.id()) && !el.data('layer')) el.remove();
      });
      const toAdd: ElementDefinition[] = [];
      for (const def of wanted) {
        const existing = cy.getElementById(def.data.id!);
        if (existing.empty()) toAdd.push(def);
        else if (Object.entries(def.data).some(([k, v]) => existing.data(k) !== v)) existing.data(def.data);
      }
      if (toAdd.length) cy.add(toAdd);
      this.#fitBoxes();
    });
    phaseSince('render', begun);
    if (!this.#probed) {
      this.#probed = true;
      const host = cy.container() as ProbeHost | null;
      if (host) host.chainProbe = this.#probe();
    }
    this.#scheduleLabels();
    if (!this.#drawn && cy.nodes().nonempty()) {
      this.#drawn = true;
      // The first frame with the chain on it: start-up is measured to here (npm run bench), and work
      // that can wait (caching the app for offline use, the outline, the dialogs) waits for it. That
      // work is told in a task of its own: told here, it ran inside this frame, before its layout and
      // paint, and the chain reached the screen only after it.
      cy.one('render', () => {
        performance.mark(FIRST_DRAW);
        setTimeout(() => window.dispatchEvent(new Event(FIRST_DRAW)));
      });
    }
  }

  #drawn = false;
  #probed = false;

  #probe(): ChainProbe {
    const cy = this.#cy;
    const node = (id: string) => {
      const n = cy.getElementById(id);
      return n.empty() ? null : n;
    };
    return {
      zoom: () => cy.zoom(),
      size: () => ({ width: cy.width(), height: cy.height() }),
      links: () =>
        cy.nodes('[kind = "link"]').map((n) => ({
          id: n.id(),
          label: String(n.data('label')).replaceAll('\u200b', ''),
          status: String(n.data('status')),
          classes: n.classes(),
        })),
      box: (id, labels = true) => {
        const n = node(id);
        if (!n) return null;
        const { x1, y1, x2, y2 } = n.renderedBoundingBox({ includeLabels: labels, includeUnderlays: false });
        return { x1, y1, x2, y2 };
      },
      position: (id) => {
        const p = node(id)?.position();
        return p ? { x: p.x, y: p.y } : null;
      },
      labels: () => {
        const zoom = cy.zoom();
        const px = (n: NodeSingular) => parseFloat(String(n.style('font-size'))) * zoom;
        const links: Record<string, number | null> = {};
        cy.nodes('[kind = "link"]').forEach((n) => {
          // A link whose name the level of detail leaves out shows its status glyph alone.
          const label = String(n.style('label'));
          links[n.id()] = label && label !== n.data('glyph') ? px(n) : null;
        });
        return { zoom, links, titles: cy.nodes('[kind = "group"]').map(px) };
      },
      centreFirm: () => {
        const n = cy.nodes('[kind = "firm"][?centre]').first();
        return n.empty() ? null : { id: n.id(), title: String(n.data('title')) };
      },
      zoomTo: (level) => {
        cy.stop(true);
        cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        return cy.zoom();
      },
      lockNodes: () => cy.autoungrabify(true),
    };
  }

  /** Moves link nodes to `positions` (a layout, a saved arrangement, or the one a discard returns to). */
  place(positions: Positions): void {
    const cy = this.#cy;
    cy.batch(() => {
      cy.nodes('[kind = "link"]').forEach((n) => {
        const p = positions[n.id()];
        if (p) n.position({ ...p });
      });
      this.#fitBoxes();
      const expanded = this.#firmAnchor && cy.getElementById(this.#firmAnchor.linkId);
      if (expanded?.nonempty()) this.#followLink(expanded);
    });
    this.#scheduleLabels();
  }

  /**
   * Sizes each sub-chain box around its links. Boxes are plain nodes drawn behind the links rather
   * than Cytoscape compound parents, which cost several times more to draw on big chains; so they are
   * fitted here, on every render and after every drag.
   */
  #fitBoxes(): void {
    const cy = this.#cy;
    const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
    cy.nodes('[kind = "link"]').forEach((n) => {
      const box = n.data('box') as string;
      const p = n.position();
      const w = (n.data('width') as number) / 2;
      const h = (n.data('height') as number) / 2;
      const b = bounds.get(box);
      if (!b) bounds.set(box, { x1: p.x - w, y1: p.y - h, x2: p.x + w, y2: p.y + h });
      else {
        b.x1 = Math.min(b.x1, p.x - w);
        b.y1 = Math.min(b.y1, p.y - h);
        b.x2 = Math.max(b.x2, p.x + w);
        b.y2 = Math.max(b.y2, p.y + h);
      }
    });
    const pad = GROUP_PADDING.side;
    cy.nodes('[kind = "group"]').forEach((g) => {
      const b = bounds.get(g.id());
      if (!b) return;
      g.data({ width: b.x2 - b.x1 + 2 * pad, height: b.y2 - b.y1 + 2 * pad });
      g.position({ x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 });
    });
  }

  /**
   * Fits the whole chain in the part of the canvas left uncovered (`coveredRight` pixels on the right
   * are under the details panel).
   */
  fit(coveredRight = 0, padding = 24): void {
    const begun = performance.now();
    const cy = this.#cy;
    const box = cy.elements().boundingBox();
    if (box.w === 0 || box.h === 0) return;
    const width = Math.max(100, cy.width() - coveredRight);
    // A small chain is not blown up past twice its size: labels that big read as a mistake.
    const zoom = Math.min(
      FIT_MAX_ZOOM,
      cy.maxZoom(),
      Math.max(cy.minZoom(), Math.min((width - 2 * padding) / box.w, (cy.height() - 2 * padding) / box.h)),
    );
    cy.viewport({
      zoom,
      pan: { x: width / 2 - (box.x1 + box.w / 2) * zoom, y: cy.height() / 2 - (box.y1 + box.h / 2) * zoom },
    });
    phaseSince('fit', begun);
  }

  /** Zooms in (factor > 1) or out around the centre of the view. */
  zoomBy(factor: number): void {
    const cy = this.#cy;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 150 });
  }

  /**
   * Brings a link into view if it is not: pans (at the same zoom) so it stands in the middle of the part
   * of the canvas left uncovered. Panning only when needed keeps the chain still under the reader's eye.
   */
  reveal(linkId: string, coveredRight = 0): void {
    const cy = this.#cy;
    const node = cy.getElementById(linkId);
    if (node.empty()) return;
    const visibleWidth = Math.max(100, cy.width() - coveredRight);
    const box = node.renderedBoundingBox();
    const margin = 16;
    const inView =
      box.x1 >= margin && box.x2 <= visibleWidth - margin && box.y1 >= margin && box.y2 <= cy.height() - margin;
    if (inView) return;
    const zoom = cy.zoom();
    const p = node.position();
    cy.stop(true);
    cy.animate(
      { pan: { x: visibleWidth / 2 - p.x * zoom, y: cy.height() / 2 - p.y * zoom } },
      { duration: 250, easing: 'ease-in-out-cubic' },
    );
  }

  /**
   * Brings every link of `ids` into the part of the view not covered on the right, zooming out only as
   * far as that needs (never in): a trace shows all it reaches, not just what happened to be on screen.
   */
  revealAll(ids: Iterable<string>, coveredRight = 0, padding = 32): void {
    const cy = this.#cy;
    const nodes = cy.collection();
    for (const id of ids) nodes.merge(cy.getElementById(id));
    if (nodes.empty()) return;
    const width = Math.max(100, cy.width() - coveredRight);
    const r = nodes.renderedBoundingBox();
    if (r.x1 >= padding && r.x2 <= width - padding && r.y1 >= padding && r.y2 <= cy.height() - padding) return;
    const box = nodes.boundingBox();
    const fitZoom = Math.min(
      (width - 2 * padding) / Math.max(box.w, 1),
      (cy.height() - 2 * padding) / Math.max(box.h, 1),
    );
    const zoom = Math.max(cy.minZoom(), Math.min(cy.zoom(), fitZoom));
    cy.stop(true);
    cy.animate(
      {
        zoom,
        pan: { x: width / 2 - (box.x1 + box.w / 2) * zoom, y: cy.height() / 2 - (box.y1 + box.h / 2) * zoom },
      },
      { duration: 300, easing: 'ease-in-out-cubic' },
    );
  }

  /**
   * Frames what a view is about: every link of `ids` inside the part of the canvas the panels leave free
   * (`covered` pixels on the right, at the top and at the bottom), as large as fits, zooming in as well
   * as out (up to `FRAME_MAX_ZOOM`, so a single link is not blown up).
   */
  frame(
    ids: Iterable<string>,
    covered: { readonly right?: number; readonly top?: number; readonly bottom?: number } = {},
    duration = 300,
    padding = 40,
  ): void {
    const { right: coveredRight = 0, top: coveredTop = 0, bottom: coveredBottom = 0 } = covered;
    const cy = this.#cy;
    const nodes = cy.collection();
    for (const id of ids) nodes.merge(cy.getElementById(id));
    if (nodes.empty()) return;
    const width = Math.max(100, cy.width() - coveredRight);
    const height = Math.max(100, cy.height() - coveredTop - coveredBottom);
    const box = nodes.boundingBox();
    const fitZoom = Math.min((width - 2 * padding) / Math.max(box.w, 1), (height - 2 * padding) / Math.max(box.h, 1));
    const zoom = Math.max(cy.minZoom(), Math.min(FRAME_MAX_ZOOM, cy.maxZoom(), fitZoom));
    const viewport = {
      zoom,
      pan: {
        x: width / 2 - (box.x1 + box.w / 2) * zoom,
        y: coveredTop + height / 2 - (box.y1 + box.h / 2) * zoom,
      },
    };
    cy.stop(true);
    if (duration > 0) cy.animate(viewport, { duration, easing: 'ease-in-out-cubic' });
    else cy.viewport(viewport);
  }

  /** Applies selection, tracing and filter emphasis as classes, in one batch. */
  emphasise({ selected, traced, tracing, loops, matching, actionable, changed, conflicted }: Emphasis): void {
    const cy = this.#cy;
    cy.batch(() => {
      // Only the elements that carry one: Cytoscape counts removing a class an element lacks as a
      // change and restyles it, which on the first draw restyled the whole chain a second time.
      cy.elements(EMPHASIS_SELECTOR).removeClass(EMPHASIS_CLASSES);
      conflicted?.forEach((id) => cy.getElementById(id).addClass('sync-conflict'));
      actionable?.forEach((kind, id) => cy.getElementById(id).addClass(`act-${kind}`));
      changed?.forEach((id) => cy.getElementById(id).addClass('changed'));
      const links = cy.nodes('[kind = "link"]');
      if (tracing && selected) {
        const inTrace = (id: string) => id === selected || traced.has(id);
        links.forEach((n) => {
          n.addClass(inTrace(n.id()) ? (n.id() === selected ? 'focus' : 'traced') : 'dimmed');
        });
        cy.edges('[!layer]').forEach((e) => {
          const along = inTrace(e.source().id()) && inTrace(e.target().id()) && (loops || !e.data('feedback'));
          e.addClass(along ? 'traced' : 'dimmed');
        });
        return;
      }
      if (matching) {
        links.forEach((n) => {
          if (!matching.has(n.id())) n.addClass('dimmed');
        });
        cy.edges('[!layer]').forEach((e) => {
          if (!matching.has(e.source().id()) || !matching.has(e.target().id())) e.addClass('dimmed');
        });
      }
      if (selected) {
        const node = cy.getElementById(selected);
        // The link the user opened stays readable even when the filters leave it out.
        node.removeClass('dimmed').addClass('focus');
        node.connectedEdges().removeClass('dimmed').addClass('neighbour');
      }
    });
    this.#scheduleLabels();
  }

  /** The part of the chain in view, in layout coordinates. */
  viewBox(): ViewBox {
    const e = this.#cy.extent();
    const r = (v: number) => Math.round(v * 10) / 10;
    return { x1: r(e.x1), y1: r(e.y1), x2: r(e.x2), y2: r(e.y2) };
  }

  /**
   * Moves the camera to show `box` (all of it, centred, as large as fits), in `duration` ms; with no
   * box, the whole chain.
   */
  showBox(box: ViewBox | undefined, duration = 600, coveredTop = 0): void {
    const cy = this.#cy;
    cy.stop(true);
    if (!box) {
      const all = cy.elements().boundingBox();
      box = { x1: all.x1, y1: all.y1, x2: all.x2, y2: all.y2 };
    }
    const w = Math.max(1, box.x2 - box.x1);
    const h = Math.max(1, box.y2 - box.y1);
    // Below a band that covers the top (a slide's title), so the saved part of the chain is all seen.
    const height = Math.max(100, cy.height() - coveredTop);
    const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min(cy.width() / w, height / h)));
    const pan = {
      x: cy.width() / 2 - ((box.x1 + box.x2) / 2) * zoom,
      y: coveredTop + height / 2 - ((box.y1 + box.y2) / 2) * zoom,
    };
    if (duration > 0) cy.animate({ zoom, pan }, { duration, easing: 'ease-in-out-cubic' });
    else cy.viewport({ zoom, pan });
  }

  /** What is on screen as a PNG, `scale` times the canvas's size in CSS pixels, on white. */
  png(scale: number): Promise<Blob> {
    return this.#cy.png({ output: 'blob-promise', scale, full: false, bg: '#ffffff' });
  }

  /** Everything needed to draw the chain elsewhere (SVG export, poster): elements as drawn, with classes. */
  snapshot(): GraphSnapshot {
    const cy = this.#cy;
    return {
      boxes: cy
        .nodes('[kind = "group"]')
        .map((n) => ({ id: n.id(), label: n.data('label') as string, ...n.boundingBox({ includeLabels: false }) })),
      links: cy.nodes('[kind = "link"]').map((n) => ({
        id: n.id(),
        label: String(n.data('label')),
        status: n.data('status'),
        x: n.position('x'),
        y: n.position('y'),
        width: n.data('width') as number,
        height: n.data('height') as number,
        wrapWidth: n.data('wrapWidth') as number,
        firms: (n.data('firms') as number | undefined) ?? 0,
        classes: n.classes().filter((c) => !LOD_CLASSES.has(c)),
      })),
      edges: cy.edges('[!layer]').map((e) => ({
        id: e.id(),
        source: e.source().id(),
        target: e.target().id(),
        local: e.data('local') === true,
        feedback: e.data('feedback') === true,
        classes: e.classes(),
        from: e.sourceEndpoint(),
        to: e.targetEndpoint(),
      })),
      ...(cy.nodes('[kind = "firm"]').nonempty()
        ? {
            firms: {
              nodes: cy.nodes('[?layer]').map((n) => ({
                kind: n.data('kind') as FirmLayerSnapshot['nodes'][number]['kind'],
                x: n.position('x'),
                y: n.position('y'),
                width: n.data('width') as number,
                height: n.data('height') as number,
                label: String(n.data('label') ?? ''),
                local: n.data('local') !== false,
                centre: n.data('centre') === true,
              })),
              edges: cy.edges('[?layer]').map((e) => ({
                kind: e.data('kind') as 'relation' | 'firm-tie',
                local: e.data('local') === true,
                from: e.sourceEndpoint(),
                to: e.targetEndpoint(),
              })),
            },
          }
        : {}),
    };
  }

  /** Current centre positions of all links. */
  positions(): Record<string, Point> {
    const out: Record<string, Point> = {};
    this.#cy.nodes('[kind = "link"]').forEach((n) => {
      const p = n.position();
      out[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
    });
    return out;
  }

  /** Marks a link selected (or clears the selection), without firing onSelect. */
  select(linkId: string | null): void {
    this.#cy.batch(() => {
      this.#cy.$(':selected').unselect();
      if (linkId) this.#cy.getElementById(linkId).select();
    });
  }

  #firmEvents: FirmLayerEvents | undefined;
  #firmsShown = '';
  /** The expanded link and where it stood when its firms were last placed or moved. */
  #firmAnchor: { readonly linkId: string; x: number; y: number } | undefined;

  /** Moves the firm layer by as much as its link moved since (a drag, or a new arrangement). */
  #followLink(link: NodeSingular): void {
    const anchor = this.#firmAnchor;
    if (!anchor || link.id() !== anchor.linkId) return;
    const { x, y } = link.position();
    const shift = { x: x - anchor.x, y: y - anchor.y };
    anchor.x = x;
    anchor.y = y;
    if (shift.x !== 0 || shift.y !== 0) this.#cy.nodes('[?layer]').shift(shift);
  }
  /** The firm layer's node the keyboard is on (kept when the layer is drawn again). */
  #firmFocus = '';

  /**
   * Draws a link's firms below it (`firmElements.ts`), replacing any drawn before; null removes them.
   * The camera frames the link and its firms when the link or the scope changes (not when only the
   * language does), in the part of the canvas the panels leave free.
   */
  showFirms(
    spec: LinkFirmsSpec | null,
    events?: FirmLayerEvents,
    covered: { readonly right?: number; readonly top?: number } = {},
  ): void {
    // A component may take its firms off after the canvas has gone (both unmounting together).
    if (this.#cy.destroyed()) return;
    const cy = this.#cy;
    const link = spec ? cy.getElementById(spec.linkId) : undefined;
    this.#firmEvents = events;
    cy.batch(() => {
      cy.elements('[?layer]').remove();
      this.#firmAnchor = undefined;
      if (!spec || !link || link.empty()) return;
      const p = link.position();
      this.#firmAnchor = { linkId: spec.linkId, x: p.x, y: p.y };
      const placed = placeLinkFirms(spec, {
        x: p.x,
        y: p.y,
        width: link.data('width') as number,
        height: link.data('height') as number,
      });
      cy.add([
        ...placed.nodes.map((n) => ({
          group: 'nodes' as const,
          data: { ...n.data },
          position: { ...n.position },
          grabbable: false,
          selectable: n.data.kind === 'firm',
        })),
        ...placed.edges.map((e) => ({ group: 'edges' as const, data: { ...e.data }, selectable: false })),
      ]);
      if (this.#firmFocus) cy.getElementById(this.#firmFocus).addClass('firm-focus');
    });
    if (!spec || !link || link.empty()) {
      this.#firmsShown = '';
      return;
    }
    if (spec.key !== this.#firmsShown) {
      this.#firmsShown = spec.key;
      this.#frameFirms(spec.linkId, covered);
    }
  }

  /**
   * Brings an expanded link and its firms into the free part of the view: all of them when that leaves
   * names readable, else as wide as the frame at up to 1:1, the link at the top (the rest a pan away).
   */
  #frameFirms(linkId: string, covered: { readonly right?: number; readonly top?: number }): void {
    const cy = this.#cy;
    const both = cy.getElementById(linkId).union(cy.getElementById(FRAME_ID));
    const box = both.boundingBox();
    const padding = 24;
    const top = covered.top ?? 0;
    const width = Math.max(100, cy.width() - (covered.right ?? 0));
    const height = Math.max(100, cy.height() - top);
    const fitAll = Math.min((width - 2 * padding) / box.w, (height - 2 * padding) / box.h);
    const readable = 0.85;
    const zoom =
      fitAll >= readable
        ? Math.min(FRAME_MAX_ZOOM, fitAll)
        : Math.max(cy.minZoom(), Math.min(1, (width - 2 * padding) / box.w));
    const pan = {
      x: width / 2 - (box.x1 + box.w / 2) * zoom,
      y: fitAll >= readable ? top + height / 2 - (box.y1 + box.h / 2) * zoom : top + padding - box.y1 * zoom,
    };
    cy.stop(true);
    cy.animate({ zoom, pan }, { duration: 250, easing: 'ease-in-out-cubic' });
  }

  /** Marks the firm drawn for `key` (or a column's "N more" node) as the one the keyboard is on. */
  focusFirm(target: string | { readonly more: 0 | 1 | 2 } | null): void {
    const cy = this.#cy;
    if (cy.destroyed()) return;
    cy.batch(() => {
      cy.$('.firm-focus').removeClass('firm-focus');
      this.#firmFocus =
        target === null ? '' : typeof target === 'string' ? firmNodeId(target) : `firms:more:${target.more}`;
      if (this.#firmFocus) cy.getElementById(this.#firmFocus).addClass('firm-focus');
    });
  }

  /** How many firms are drawn (the link's own, their suppliers and buyers). */
  firmCount(): number {
    return this.#cy.destroyed() ? 0 : this.#cy.nodes('[kind = "firm"]').length;
  }

  /** How many link nodes are drawn. */
  linkCount(): number {
    return this.#cy.nodes('[kind = "link"]').length;
  }

  destroy(): void {
    clearTimeout(this.#relabelTimer);
    this.#resize.disconnect();
    this.#cy.destroy();
  }
}
