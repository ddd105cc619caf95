// The shape of a table of strings, apart from the rest of i18n so that every table (the shared one
// included) is made the same way. test/zh-coverage.test.ts finds the tables through their files
// (every strings.ts under renderer/src) and checks that each zh-CN text is Chinese.
import type { Lang } from '../../../electron/contract';

/** One table: the same keys in English and in Simplified Chinese. */
export type Strings<K extends string> = { readonly [L in Lang]: Readonly<Record<K, string>> };

/** The keys of a table. */
export type KeyOf<S> = S extends Strings<infer K> ? K : never;

/** A table from its two languages, written side by side in the feature's strings.ts. */
export function defineStrings<const E extends Record<string, string>>(en: E, zh: Record<keyof E, string>): Strings<keyof E & string> {
  return { en, 'zh-CN': zh };
}
