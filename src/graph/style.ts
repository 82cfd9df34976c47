/**
 * The Cytoscape stylesheet as data. Status drives colour, border style and the label glyph; edges
 * show whether supply is local (both ends in the region) or crosses the region's border.
 */
import type { StylesheetJson } from 'cytoscape';
import { LINK_FONT_SIZE } from './elements';
import { EDGE_FEEDBACK, EDGE_LOCAL, EDGE_OTHER, GROUP_BORDER, GROUP_FILL, HIGHLIGHT, STATUS_LOOK } from './palette';
import { GROUP_PADDING_TOP } from './layout';
import type { LinkStatus } from '../model/types';

const FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export function chainStylesheet(): StylesheetJson {
  const statusRules = (Object.keys(STATUS_LOOK) as LinkStatus[]).map((status) => {
    const look = STATUS_LOOK[status];
    return {
      selector: `node[kind = "link"][status = "${status}"]`,
      style: {
        'background-color': look.fill,
        color: look.text,
        'border-color': look.border,
        'border-style': look.borderStyle,
        'border-width': look.borderWidth,
      },
    };
  });
  return [
    {
      selector: 'node[kind = "group"]',
      style: {
        shape: 'round-rectangle',
        'background-color': GROUP_FILL,
        'background-opacity': 1,
        'border-color': GROUP_BORDER,
        'border-width': 1,
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': GROUP_PADDING_TOP - 6,
        'font-family': FONT,
        'font-size': 15,
        'font-weight': 'bold',
        color: '#39404a',
        'padding-top': '0',
        'min-zoomed-font-size': 6,
        events: 'no',
      },
    },
    {
      selector: 'node[kind = "link"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-max-width': '124px',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': FONT,
        'font-size': LINK_FONT_SIZE,
        'line-height': 1.25,
        'min-zoomed-font-size': 5,
      },
    },
    ...statusRules,
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': EDGE_OTHER,
        'target-arrow-color': EDGE_OTHER,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        opacity: 0.75,
      },
    },
    {
      selector: 'edge[?local]',
      style: { width: 2.6, 'line-color': EDGE_LOCAL, 'target-arrow-color': EDGE_LOCAL, opacity: 0.95 },
    },
    {
      selector: 'edge[?feedback]',
      style: {
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        'line-color': EDGE_FEEDBACK,
        'target-arrow-color': EDGE_FEEDBACK,
        'curve-style': 'unbundled-bezier',
        'control-point-distances': [-120],
        'control-point-weights': [0.5],
      },
    },
    {
      selector: 'node[kind = "link"]:selected',
      style: { 'overlay-color': HIGHLIGHT, 'overlay-opacity': 0.18, 'overlay-padding': 6, 'underlay-opacity': 0 },
    },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    {
      selector: 'edge.traced',
      style: { 'line-color': HIGHLIGHT, 'target-arrow-color': HIGHLIGHT, width: 2.6, opacity: 1 },
    },
    {
      selector: 'node.traced',
      style: { 'underlay-color': HIGHLIGHT, 'underlay-opacity': 0.25, 'underlay-padding': 5 },
    },
  ];
}
