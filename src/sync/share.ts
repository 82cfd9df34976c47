/**
 * Whether a write of the whole dataset (an import, a restore, a reset) goes to the team when sync is
 * on, and what it would do there, in plain words. Pure: the dialogs ask, this decides and describes.
 *
 * An import (merge, or a table or graph) adds a planner's findings: it is sent, like an edit. A restore
 * (a whole dataset put in place of what is stored) and a reset (back to the shipped data) put this
 * browser back to some earlier state; sent, they would undo the team's work for everyone, so they stay
 * in this browser unless the user says to send them.
 */
import { translate, type Lang, type MessageKey } from '../i18n';
import type { DatasetEdit, EditKind } from '../model/editRecords';
import type { Localized } from '../model/types';

/** The name a reset sent to the team carries (in the History of each record it changed). */
export const RESET_LABEL: Localized = { zh: '重置为内置数据', en: 'Reset to the shipped data' };

export type WholeWrite = 'import' | 'restore' | 'reset';

/** Whether the write goes to the team: an import does; a restore or reset only when the user said so. */
export function sharesWithTeam(write: WholeWrite, userSaidSend = false): boolean {
  return write === 'import' || userSaidSend;
}

/** What a write would add, change and remove, counted by kind of record (kinds with none left out). */
export interface KindEffect {
  readonly kind: EditKind;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** The kinds in the order they are told (the ones a planner counts first). */
const TOLD: readonly EditKind[] = [
  'enterprise',
  'linkState',
  'project',
  'indicator',
  'relation',
  'link',
  'edge',
  'chain',
  'region',
  'source',
];

export function teamEffect(edit: DatasetEdit | undefined): KindEffect[] {
  const counts = new Map<EditKind, { added: number; changed: number; removed: number }>();
  for (const c of edit?.changes ?? []) {
    const n = counts.get(c.kind) ?? { added: 0, changed: 0, removed: 0 };
    if (c.before === undefined) n.added++;
    else if (c.after === undefined) n.removed++;
    else n.changed++;
    counts.set(c.kind, n);
  }
  return TOLD.flatMap((kind) => {
    const n = counts.get(kind);
    return n ? [{ kind, ...n }] : [];
  });
}

/**
 * The effect in words: "This would delete 2,000 firms and change 3 link statuses for everyone on the
 * team." (at most three kinds named per verb; the rest counted as records), or that nothing would change.
 */
export function teamEffectText(lang: Lang, effect: readonly KindEffect[]): string {
  const number = (n: number) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const parts: string[] = [];
  for (const verb of ['removed', 'changed', 'added'] as const) {
    const items = effect.filter((e) => e[verb] > 0);
    if (!items.length) continue;
    const named = items
      .slice(0, 3)
      .map((e) => translate(lang, `sync.share.kind.${e.kind}` as MessageKey, { count: number(e[verb]) }));
    const rest = items.slice(3).reduce((sum, e) => sum + e[verb], 0);
    if (rest) named.push(translate(lang, 'sync.share.kind.other', { count: number(rest) }));
    parts.push(translate(lang, `sync.share.${verb}`, { items: list(lang, named) }));
  }
  if (!parts.length) return translate(lang, 'sync.share.nothing');
  return translate(lang, 'sync.share.effect', { what: list(lang, parts) });
}

function list(lang: Lang, items: readonly string[]): string {
  if (lang === 'zh') return items.join('、');
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
