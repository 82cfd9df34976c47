/**
 * Figures the text reports, as indicators: each figure the other rules did not use, named by the words
 * before it (产值, 规上工业增加值, 本地供应率), dated, with the change that follows it (同比增长40.5%),
 * the size of a ranking's field (230家……第65位), the zone it is about, and whether it is a goal.
 */
import { CHANGE_WORDS, COUNTED_NOUNS, FALLING_WORDS, RANK_WORDS } from './lexicon';
import { dateFor, evidenceOf, type ClauseInfo, type FactContext, type ParagraphState } from './clauses';
import type { Consumed, RawFact } from './facts';
import { asQuantity, perYear, type FoundQuantity } from './quantities';
import type { RuleId } from './rules';
import type { SentenceTokens } from './scan';
import { isHan, type Span } from './text';
import type { ProposedIndicator } from './types';

const NAME_WINDOW = 60;
const LEAD = [
  '截至目前',
  '目前',
  '同时',
  '其中',
  '另外',
  '此外',
  '全年',
  '共计',
  '共有',
  '共',
  '全市',
  '全区',
  '全县',
  '全省',
  '本市',
  '我市',
  '当地',
  '本地',
  '在',
  '实现',
  '完成',
  '建成',
  '拥有',
  '有',
  '配套发展',
  '已经形成',
  '形成',
  '发展',
  '已',
  '力争',
  '可',
  '公司',
  '该公司',
  'the company',
  'the ',
  'its ',
  "the city's ",
  "the region's ",
  'in ',
  'and ',
  'while ',
];
const TRAIL = [
  '达到了',
  '达到',
  '达',
  '为',
  '是',
  '超过',
  '突破',
  '约',
  '近',
  '接近',
  '共',
  '共有',
  '有',
  '实现',
  '完成',
  '位列',
  '排名',
  '提升到',
  '提高到',
  '增长到',
  '升至',
  '增至',
  '分别为',
  '中',
  '了',
  '的',
  ' stood at',
  ' reached',
  ' totalled',
  ' totaled',
  ' was',
  ' were',
  ' is',
  ' are',
  ' hit',
  ' of',
  ' at',
  ' to',
  ' rose to',
  ' amounted to',
  ' about',
  ' some',
];
const ZONES = ['经开区', '开发区', '高新区', '产业园', '工业园', '园区'];

/** Cleans a figure's name: no leading date, place or filler, no trailing verb. */
function cleanName(raw: string, strip: readonly string[]): string {
  let name = raw.trim();
  const leads = [...strip, ...LEAD].sort((a, b) => b.length - a.length);
  for (let again = true; again && name;) {
    again = false;
    const lower = name.toLowerCase();
    // 在建 is "under construction", not 在 (at) and 建.
    const lead = leads.find((l) => l && lower.startsWith(l.toLowerCase()) && !(l === '在' && name[1] === '建'));
    if (lead) {
      name = name.slice(lead.length);
      again = true;
    }
    const trail = TRAIL.find((t) => lower.endsWith(t));
    if (trail) {
      name = name.slice(0, -trail.length);
      again = true;
    }
    const trimmed = name.replace(/^[,，、:：;；\s]+|[,，、:：;；\s]+$/g, '');
    again ||= trimmed !== name;
    name = trimmed;
  }
  // 产业实现产值 is the industry's output.
  return name.replaceAll('实现', '');
}

/** The zones a sentence names (金昌经开区), by where they end, to give a figure its subject. */
function zonesOf(ctx: FactContext, s: SentenceTokens): { end: number; name: string }[] {
  const { text, w } = ctx.doc;
  const out: { end: number; name: string }[] = [];
  for (let i = s.span.start; i < s.span.end; i++) {
    const zone = ZONES.find((z) => w.startsWith(z, i));
    if (!zone) continue;
    let a = i;
    while (a > s.span.start && i - a < 8 && isHan(w[a - 1]) && !'的在与和及、为了是'.includes(w[a - 1]!)) a--;
    const name = text.slice(a, i + zone.length);
    if (a < i && !/^(国家级|省级|全国|各)/.test(name)) out.push({ end: i + zone.length, name });
    i += zone.length - 1;
  }
  return out;
}

/** Whether `q` is a change (增长40.5%, up 65.5%) rather than a level (提高到18%), and which way. */
function changeOf(w: string, lw: string, clause: Span, q: FoundQuantity): 1 | -1 | undefined {
  if (q.unit !== 'percent') return undefined;
  const before = lw.slice(Math.max(clause.start, q.start - 8), q.start);
  if (/(到|至|to )$/.test(before)) return undefined;
  const word = CHANGE_WORDS.find((c) => before.endsWith(c) || before.endsWith(`${c}了`));
  if (!word) return undefined;
  return FALLING_WORDS.includes(word) ? -1 : 1;
}

/** Where a figure's name starts: its clause, or the end of the figure listed before it (、). */
function nameStart(w: string, clause: Span, q: FoundQuantity, previous: FoundQuantity | undefined): number {
  let a = Math.max(clause.start, q.start - NAME_WINDOW);
  if (previous && previous.end > a) {
    a = previous.end;
    while (a < q.start && (w[a] === '、' || w[a] === ',' || w[a] === ' ')) a++;
  }
  return a;
}

/** The indicators of a sentence: the figures nothing else used. */
export function indicatorFacts(
  ctx: FactContext,
  s: SentenceTokens,
  clauses: readonly ClauseInfo[],
  state: ParagraphState,
  consumed: Consumed,
): RawFact[] {
  const { text, w, lw } = ctx.doc;
  const out: RawFact[] = [];
  const zones = zonesOf(ctx, s);
  let lastRankName: string | undefined;
  let lastIndicator: number | undefined;
  for (const c of clauses) {
    const qs = c.quantities;
    qs.forEach((q, k) => {
      if (consumed.has(q)) return;
      const previous = qs[k - 1];
      const change = changeOf(w, lw, c.span, q);
      const last = lastIndicator === undefined ? undefined : out[lastIndicator];
      if (change && last && (last.fact as ProposedIndicator).changePercent === undefined) {
        const fact = { ...(last.fact as ProposedIndicator), changePercent: change * q.value };
        const evidence = evidenceOf(ctx, s, {
          start: last.evidence.start,
          end: Math.max(last.evidence.end, c.span.end),
        });
        out[lastIndicator!] = { fact, evidence, rules: [...last.rules, 'indicator.change'] };
        return;
      }
      // 全国230家……第65位: the count before a rank is its field.
      const next = qs[k + 1];
      if (q.unit === 'count' && next?.unit === 'rank' && !/\d/.test(w.slice(q.end, next.start))) return;
      const rules: RuleId[] = ['indicator.figure'];
      if (q.unit === 'count') {
        if (q.bareDigit || q.classifier === '位' || q.classifier === '名') return;
        rules.push('indicator.count');
      }
      if (q.unit === 'percent' && /(前|后|top )$/.test(lw.slice(Math.max(c.span.start, q.start - 4), q.start))) return;
      const from = nameStart(w, c.span, q, previous);
      const subject = zones.filter((z) => z.end <= q.start).shift();
      const strip = [
        ...(subject ? [subject.name] : []),
        ...ctx.places,
        ...c.dates.map((d) => text.slice(d.start, d.end)),
      ];
      const after = text.slice(q.end, Math.min(c.span.end, q.end + 12));
      let name: string;
      if (q.unit === 'rank') {
        rules.push('indicator.rank');
        // The ranking is named by the words before 位列/排名 in the clause (商务部……考核中位列……第65位).
        const head = Math.max(c.span.start, q.start - NAME_WINDOW);
        const window = lw.slice(head, q.start);
        const found = RANK_WORDS.map((r) => window.lastIndexOf(r)).filter((i) => i >= 0);
        const rankWord = found.length ? head + Math.max(...found) : undefined;
        const base =
          rankWord === undefined
            ? cleanName(text.slice(from, q.start), strip)
            : cleanName(text.slice(head, rankWord), strip);
        if (rankWord !== undefined && base) {
          name = `${base}${isHan(base[0]) ? '排名' : ' rank'}`;
          lastRankName = name;
        } else if (lastRankName) name = base.length > 1 ? `${lastRankName}（${base}）` : lastRankName;
        else name = base;
      } else {
        name = cleanName(text.slice(from, q.start), strip);
        // 4个细分产业链, 17种税费收入: a noun right after the count is what is counted.
        const counted = q.unit === 'count' && isHan(after[0]) ? after.split(/[,，、;；。:：\s]/)[0]! : '';
        if (counted) name = counted;
        if (change) name = `${name}${isHan(name[0]) ? '增速' : ' growth'}`;
      }
      if (q.unit === 'count' && !COUNTED_NOUNS.some((n) => `${name}${q.classifier ?? ''}`.toLowerCase().includes(n)))
        return;
      if (!name) name = q.unit === 'rank' ? '排名' : text.slice(q.start, q.end);
      let outOf: number | undefined;
      const field = previous?.unit === 'count' && !/\d/.test(w.slice(previous.end, q.start)) ? previous : undefined;
      if (q.unit === 'rank' && field) {
        outOf = field.value;
        consumed.add(field);
      }
      const en = /^ (?:among|of|out of) (\d[\d,]*)/.exec(lw.slice(q.end, q.end + 24));
      if (q.unit === 'rank' && en) outOf = Number(en[1]!.replaceAll(',', ''));
      const period = dateFor(ctx, s, c, q.start, state);
      rules.push(period.rule);
      if (q.qualifier) rules.push('quantity.bound');
      if (subject) rules.push('indicator.subject');
      if (c.target) rules.push('indicator.target');
      const base = asQuantity(q);
      // 产能达到1000多万吨, 可年产……5万吨: a capacity is per year.
      const annual = c.cues.has('capacity') || lw.slice(from, q.start).includes('年产');
      const value = annual && !q.perYear ? perYear(base) : base;
      const linkIds = [
        ...new Set(c.links.filter((l) => l.end <= q.start && l.start >= from).flatMap((l) => l.linkIds)),
      ];
      const fact: ProposedIndicator = {
        kind: 'indicator',
        name,
        value,
        ...(period.date && { period: period.date }),
        ...(outOf !== undefined && { outOf }),
        ...(subject && { subject: subject.name }),
        linkIds,
        ...(c.target && { target: true }),
      };
      consumed.add(q);
      lastIndicator = out.length;
      out.push({ fact, evidence: evidenceOf(ctx, s, c.span), rules });
    });
  }
  return out;
}
