// How components ask for the words of the page, in English and Simplified Chinese. The language
// follows the browser / system unless the settings pin one. The strings live beside what shows
// them: each feature's strings.ts holds its table (both languages side by side) and a component
// passes the tables it needs to useI18n, so a tab's words arrive with the tab's chunk. The shared
// table (strings.ts here) is always there.
import { createContext, useContext, useMemo } from 'react';
import type { ErrorView, Lang, SettingsView } from '../../../electron/contract';
import type { KeyOf, Strings } from './define';
import { sharedStrings, type SharedKey } from './strings';

export { defineStrings, type KeyOf, type Strings } from './define';
export type { SharedKey } from './strings';

export type Vars = Record<string, string | number>;

export interface I18n<K extends string = SharedKey> {
  lang: Lang;
  t(key: K, vars?: Vars): string;
  /** An error's message and hint in the current language. */
  errorText(view: ErrorView): { message: string; hint: string };
  /** A validate.ts problem in the current language. */
  problem(p: { en: string; zh: string }): string;
  /** A wall-clock time: time only for today, with the date otherwise. */
  time(ms: number): string;
}

/** Browsers and systems in Chinese get the Chinese page. */
export function langFromNavigator(languages: readonly string[] | undefined = globalThis.navigator?.languages): Lang {
  const first = languages?.[0] ?? globalThis.navigator?.language ?? 'en';
  return /^zh\b/i.test(first) ? 'zh-CN' : 'en';
}

export function resolveLang(setting: SettingsView['locale'] | undefined): Lang {
  return setting === 'en' || setting === 'zh-CN' ? setting : langFromNavigator();
}

const fill = (text: string, vars: Vars | undefined) => (vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text);

/** The first of `dicts` that has `key` (a key is in one table only: the zh-CN coverage test checks it). */
function lookup(dicts: readonly Readonly<Record<string, string>>[], key: string): string {
  for (const dict of dicts) {
    const text = dict[key];
    if (text !== undefined) return text;
  }
  return key;
}

/** The page's words in `lang`: the shared table; useI18n adds a feature's. */
export function makeI18n(lang: Lang): I18n {
  const shared = sharedStrings[lang];
  const sameDay = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const otherDay = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return {
    lang,
    t: (key, vars) => fill(shared[key], vars),
    errorText: (view) => (lang === 'zh-CN' && view.zh ? view.zh : { message: view.message, hint: view.hint }),
    // As validate.ts's problemText, without loading the form's rules with the page.
    problem: (p) => (lang === 'zh-CN' ? p.zh : p.en),
    time(ms) {
      const d = new Date(ms);
      return (d.toDateString() === new Date().toDateString() ? sameDay : otherDay).format(d);
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n(langFromNavigator()));

/** The shared words, plus those of the tables given (a feature's strings.ts). */
export function useI18n<T extends readonly Strings<string>[]>(...tables: T): I18n<SharedKey | KeyOf<T[number]>> {
  const base = useContext(I18nContext);
  return useMemo(() => {
    if (tables.length === 0) return base;
    const dicts = [...tables.map((table) => table[base.lang]), sharedStrings[base.lang]];
    return { ...base, t: (key: string, vars?: Vars) => fill(lookup(dicts, key), vars) };
    // The tables are module constants: the same ones, in the same order, on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, ...tables]);
}
