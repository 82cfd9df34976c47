import { describe, expect, it } from 'vitest';
import { diffDatasets } from '../model/editRecords';
import { setLinkState } from '../model/edits';
import { ok, tinyFirmsDataset } from '../model/testing';
import type { Dataset } from '../model/types';
import { sharesWithTeam, teamEffect, teamEffectText } from './share';

const label = { zh: '重置', en: 'Reset' };

describe('a whole write and the team', () => {
  it('sends an import; keeps a restore or a reset in this browser unless the user says to send it', () => {
    expect(sharesWithTeam('import')).toBe(true);
    expect(sharesWithTeam('restore')).toBe(false);
    expect(sharesWithTeam('reset')).toBe(false);
    expect(sharesWithTeam('restore', true)).toBe(true);
    expect(sharesWithTeam('reset', true)).toBe(true);
  });

  it('says in plain words what sending would do for everyone', () => {
    const stored = tinyFirmsDataset();
    const region = stored.regions[0]!;
    const firms = region.enterprises.length;
    expect(firms).toBeGreaterThan(0);
    // A reset to data without this region's firms, and with one link status changed.
    const changed = ok(
      setLinkState(stored, region.id, region.linkStates[0]!.linkId, {
        status: 'missing',
        asOf: '2026',
        sources: region.linkStates[0]!.sources,
      }),
    ).dataset;
    const target: Dataset = {
      ...changed,
      regions: changed.regions.map((r, i) => (i === 0 ? { ...r, enterprises: [], relations: [] } : r)),
    };
    const effect = teamEffect(diffDatasets(stored, target, label));
    expect(effect.find((e) => e.kind === 'enterprise')).toEqual({
      kind: 'enterprise',
      added: 0,
      changed: 0,
      removed: firms,
    });
    const en = teamEffectText('en', effect);
    expect(en).toMatch(new RegExp(`^Sent, this would delete ${firms} firms?`));
    expect(en).toContain('and change 1 link status for everyone on the team.');
    expect(teamEffectText('zh', effect)).toContain(`删除 ${firms} 家企业`);
    expect(teamEffectText('zh', effect)).toContain('修改 1 个环节状态');
    expect(teamEffectText('en', teamEffect(diffDatasets(stored, stored, label)))).toBe(
      'Sent, this would change nothing for the team.',
    );
  });

  it('writes large counts as people read them', () => {
    const effect = [{ kind: 'enterprise' as const, added: 0, changed: 0, removed: 2000 }];
    expect(teamEffectText('en', effect)).toBe('Sent, this would delete 2,000 firms for everyone on the team.');
    expect(teamEffectText('zh', effect)).toBe('若发送，将为团队中的所有人删除 2,000 家企业。');
  });
});
