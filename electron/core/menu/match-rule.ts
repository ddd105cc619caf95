// A conditional menu's matchrule, checked as the docs describe it. Pure (the tab checks as you type).
// Since WeChat's privacy change, a rule on sex, region or language is refused with 65320: only
// tag_id and client_platform_type still match, so WxDesk refuses the others before sending.
import type { MenuMatchRule } from '../../contract/menu-editor';

export const MATCH_RULE_KEYS = ['tag_id', 'sex', 'country', 'province', 'city', 'client_platform_type', 'language'] as const;
/** The fields WeChat refuses since the privacy change (addconditional's page: "返回错误码 65320"). */
export const PRIVATE_MATCH_KEYS: ReadonlySet<string> = new Set(['sex', 'country', 'province', 'city', 'language']);
/** The docs' language table. */
export const MATCH_LANGUAGES = ['zh_CN', 'zh_TW', 'zh_HK', 'en', 'id', 'ms', 'es', 'ko', 'it', 'ja', 'pl', 'pt', 'ru', 'th', 'vi', 'ar', 'hi', 'he', 'tr', 'de', 'fr'];

export interface MatchRuleProblem {
  field: string;
  code: number;
  en: string;
  zh: string;
}

export function readMatchRule(raw: unknown): { rule: MenuMatchRule | null; problems: MatchRuleProblem[] } {
  const problems: MatchRuleProblem[] = [];
  const add = (field: string, code: number, en: string, zh: string) => problems.push({ field, code, en: `matchrule.${field}: ${en} (${code})`, zh: `matchrule.${field}：${zh}（${code}）` });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    add('', 65304, 'a conditional menu needs a matchrule object, e.g. {"tag_id": "2"}', '个性化菜单需要 matchrule 对象，例如 {"tag_id": "2"}');
    return { rule: null, problems };
  }
  const rule: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || v === null || v === '') continue;
    if (!(MATCH_RULE_KEYS as readonly string[]).includes(k)) {
      add(k, 47001, k === 'group_id' ? 'group_id is the old name: use tag_id' : `unknown field; a matchrule has ${MATCH_RULE_KEYS.join(', ')}`, k === 'group_id' ? 'group_id 是旧字段名：请使用 tag_id' : `未知字段；matchrule 的字段有 ${MATCH_RULE_KEYS.join('、')}`);
      continue;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      add(k, 47001, 'must be text (or a number)', '应为文本（或数字）');
      continue;
    }
    rule[k] = String(v);
  }
  if (rule.tag_id !== undefined && !/^\d{1,10}$/.test(rule.tag_id)) add('tag_id', 40097, 'is the number of a tag (tags/get)', '应为标签的编号（tags/get）');
  if (rule.client_platform_type !== undefined && !['1', '2', '3'].includes(rule.client_platform_type)) add('client_platform_type', 40097, 'is 1 (iOS), 2 (Android) or 3 (others)', '只能是 1（iOS）、2（Android）或 3（其他）');
  if (rule.sex !== undefined && !['1', '2'].includes(rule.sex)) add('sex', 40097, 'is 1 (male) or 2 (female)', '只能是 1（男）或 2（女）');
  if (rule.language !== undefined && !MATCH_LANGUAGES.includes(rule.language)) add('language', 40097, `is one of ${MATCH_LANGUAGES.join(', ')}`, `只能是 ${MATCH_LANGUAGES.join('、')} 之一`);
  if ((rule.province !== undefined || rule.city !== undefined) && rule.country === undefined) add('country', 65310, 'is needed with a province or city', '填写省份或城市时必须填写国家');
  if (rule.city !== undefined && rule.province === undefined) add('province', 65311, 'is needed with a city', '填写城市时必须填写省份');
  for (const k of Object.keys(rule)) {
    if (PRIVATE_MATCH_KEYS.has(k)) add(k, 65320, 'WeChat no longer matches menus by sex, region or language: use tag_id or client_platform_type', '微信已不再支持按性别、地区、语言匹配菜单：请使用 tag_id 或 client_platform_type');
  }
  if (Object.keys(rule).length === 0 && problems.length === 0) add('', 65304, 'is empty: give tag_id or client_platform_type', '为空：请填写 tag_id 或 client_platform_type');
  return problems.length ? { rule: null, problems } : { rule: rule as MenuMatchRule, problems };
}
