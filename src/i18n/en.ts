/**
 * English catalogue. Every string the app shows comes from here or from `zh-CN.ts`; the Chinese
 * catalogue must have exactly the same keys (the type checker enforces it).
 */
export const en = {
  'app.name': 'ChainAtlas',
  'app.tagline': 'Industry chain map',
  'app.loading': 'Opening the chain…',
  'app.loadFailed': 'The data could not be opened: {reason}',
  'app.storageUnavailable':
    'This browser does not allow the app to store data (private mode or storage blocked). Nothing can be kept.',

  'header.region': '{region}, {parent}',
  'header.chainOf': '{chain}',
  'header.asOf': 'Data as of {date}',
  'header.source': 'Source',
  'header.sources': '{count} sources',
  'header.language': 'Language',
  'header.switchTo': '中文',
  'header.switchToLabel': 'Switch to Chinese',

  'sources.title': 'Sources',
  'sources.citedTimes': 'cited {count} times',
  'sources.undated': 'undated',
  'sources.line': '{publisher}, “{title}”, {date}',
  'header.sourceLine': 'Source: {source}',
  'menu.data': 'Data',
  'menu.reset': 'Reset to shipped data…',
  'reset.title': 'Reset to shipped data?',
  'reset.body':
    'This replaces everything stored in this browser — every edit, import and saved view — with the data that ships with ChainAtlas. It cannot be undone.',
  'reset.confirm': 'Reset',
  'reset.cancel': 'Cancel',
  'reset.done': 'The shipped data has been restored.',

  'graph.label': 'Chain graph',
  'graph.summary': '{links} links, {edges} supply edges',

  'graph.layoutFailed': 'The chain could not be laid out: {reason}',
  'legend.edges': 'Supply',
  'legend.edgeLocal': 'Local supply (both ends here)',
  'legend.edgeOther': "Crosses the region's border",
  'legend.edgeFeedback': 'Recycling back',
  'legend.title': 'Status',

  'status.strong': 'Strong',
  'status.present': 'Present',
  'status.building': 'Building',
  'status.attracting': 'Attracting',
  'status.missing': 'Missing',
  'status.unknown': 'Unknown',
  'status.strong.hint': 'At scale, with an anchor firm',
  'status.present.hint': 'Produced in the region',
  'status.building.hint': 'A project is under construction',
  'status.attracting.hint': 'Being introduced or signed',
  'status.missing.hint': 'A source says the region lacks it',
  'status.unknown.hint': 'No source says either way',

  'stage.raw': 'Raw materials',
  'stage.intermediate': 'Intermediates',
  'stage.component': 'Components',
  'stage.product': 'Products',
  'stage.application': 'Applications',
  'stage.recycling': 'Recycling',

  'project.planned': 'Planned',
  'project.attracting': 'Attracting',
  'project.signed': 'Signed',
  'project.building': 'Building',
  'project.operating': 'Operating',
  'project.halted': 'Halted',

  'date.undated': 'undated',
  'date.half': '{year} H{half}',
  'date.quarter': '{year} Q{quarter}',

  'qty.over': 'over {value}',
  'qty.under': 'under {value}',
  'qty.approx': 'about {value}',
  'qty.rankOf': '{rank} of {of}',
  'qty.rank': 'no. {rank}',
} as const;

export type MessageKey = keyof typeof en;
