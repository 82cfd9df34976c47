/**
 * The one adapter that owns the Cytoscape instance. Components hand it element data and positions and
 * listen for selections; they never touch `cy`. Updates are diffed inside `cy.batch()` so a language
 * switch or a status edit restyles in place instead of rebuilding the graph.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { ChainElements } from './elements';
import type { Positions } from './layout';
import { hasHardwareWebgl } from './renderer';
import { chainStylesheet } from './style';

export interface ChainGraphEvents {
  /** A link was tapped (its id), or the background (null). */
  readonly onSelect?: (linkId: string | null) => void;
}

export class ChainGraph {
  readonly #cy: Core;
  readonly #events: ChainGraphEvents;

  constructor(container: HTMLElement, events: ChainGraphEvents = {}, opts: { webgl?: boolean } = {}) {
    this.#events = events;
    this.#cy = cytoscape({
      container,
      style: chainStylesheet(),
      layout: { name: 'preset' },
      minZoom: 0.15,
      maxZoom: 4,
      wheelSensitivity: 0.4,
      boxSelectionEnabled: false,
      autoungrabify: false,
      selectionType: 'single',
      webgl: opts.webgl ?? hasHardwareWebgl(),
    });
    this.#cy.on('tap', 'node[kind = "link"]', (event) => this.#events.onSelect?.(event.target.id()));
    this.#cy.on('tap', (event) => {
      if (event.target === this.#cy) this.#events.onSelect?.(null);
    });
  }

  /** Brings the drawn graph in line with `elements`; link nodes go to `positions` where given. */
  render(elements: ChainElements, positions: Positions | undefined): void {
    const cy = this.#cy;
    const wanted: ElementDefinition[] = [
      ...elements.groups.map((g) => ({ group: 'nodes' as const, data: { ...g } })),
      ...elements.links.map((l) => ({
        group: 'nodes' as const,
        data: { ...l },
        position: positions?.[l.id] ? { ...positions[l.id]! } : undefined,
      })),
      ...elements.edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
    ];
    const wantedIds = new Set(wanted.map((w) => w.data.id!));
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wantedIds.has(el.id())) el.remove();
      });
      const toAdd: ElementDefinition[] = [];
      for (const def of wanted) {
        const existing = cy.getElementById(def.data.id!);
        if (existing.nonempty()) {
          existing.data(def.data);
          if (def.position && existing.isNode()) existing.position(def.position);
        } else toAdd.push(def);
      }
      if (toAdd.length) cy.add(toAdd);
    });
  }

  /** Fits the whole chain in the viewport. */
  fit(padding = 24): void {
    this.#cy.fit(undefined, padding);
  }

  /** Marks a link selected (or clears the selection), without firing onSelect. */
  select(linkId: string | null): void {
    this.#cy.batch(() => {
      this.#cy.$(':selected').unselect();
      if (linkId) this.#cy.getElementById(linkId).select();
    });
  }

  /** Ids of every link node drawn. */
  linkIds(): string[] {
    return this.#cy.nodes('[kind = "link"]').map((n) => n.id());
  }

  destroy(): void {
    this.#cy.destroy();
  }
}
