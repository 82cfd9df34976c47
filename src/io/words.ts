/**
 * The words a table or graph file may write for a link's stage, a link's status and a project's
 * status: the English ids, or the Chinese words planners use (原材料, 在建, 已签约 …). Shared by the
 * table readers (`tables/`) and the graph readers (`graph/`).
 */
import type { LinkStatus, ProjectStatus, Stage } from '../model/types';
import { LINK_STATUSES, PROJECT_STATUSES, STAGES } from '../model/types';
import { readWord, type CellValue } from './syntax/cells';

const STAGE_WORDS: Readonly<Record<string, Stage>> = {
  原材料: 'raw',
  原料: 'raw',
  中间品: 'intermediate',
  中间产品: 'intermediate',
  零部件: 'component',
  部件: 'component',
  产品: 'product',
  终端产品: 'product',
  应用: 'application',
  回收: 'recycling',
  回收利用: 'recycling',
};

const STATUS_WORDS: Readonly<Record<string, LinkStatus>> = {
  优势: 'strong',
  已有: 'present',
  在建: 'building',
  招引中: 'attracting',
  招引: 'attracting',
  缺失: 'missing',
  未知: 'unknown',
};

const PROJECT_WORDS: Readonly<Record<string, ProjectStatus>> = {
  规划: 'planned',
  招引中: 'attracting',
  招引: 'attracting',
  已签约: 'signed',
  签约: 'signed',
  在建: 'building',
  投产: 'operating',
  运营: 'operating',
  停建: 'halted',
};

/** A stage: `raw` ... `recycling`, or 原材料, 中间品, 零部件, 产品, 应用, 回收. */
export const readStage = (cell: CellValue) => readWord(cell, STAGES, STAGE_WORDS, 'stage');
/** A link status: `strong` ... `unknown`, or 优势, 已有, 在建, 招引中, 缺失, 未知. */
export const readStatus = (cell: CellValue) => readWord(cell, LINK_STATUSES, STATUS_WORDS, 'status');
/** A project status: `planned` ... `halted`, or 规划, 招引中, 已签约, 在建, 投产, 停建. */
export const readProjectStatus = (cell: CellValue) => readWord(cell, PROJECT_STATUSES, PROJECT_WORDS, 'project status');
