// node:util parseArgs errors, said again in the person's language: Node words them in English
// only ("Unknown option '--appid'"), so the code and the quoted flag are read and the sentence is
// ours. An unknown option or command gets the closest known name when one is close.
import { didYouMean } from './suggest';

export interface Said {
  en: string;
  zh: string;
}

/** The flags a parseArgs options table accepts: --long and -s. */
function flagsOf(options: Record<string, { short?: string }>): string[] {
  return Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
}

/** A parseArgs error as a sentence that names the flag, in English and Chinese. */
export function parseArgsError(e: unknown, options: Record<string, { short?: string }>): Said {
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  // "-t, --token <value>": the long name is the one a person types and reads.
  const flag = /--[^\s,<]+/.exec(quoted)?.[0] ?? quoted.split(/[\s,]/)[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = didYouMean(flag, flagsOf(options));
      return near
        ? { en: `unknown option ${flag}: did you mean ${near}?`, zh: `未知选项 ${flag}：是否想用 ${near}？` }
        : { en: `unknown option ${flag} (--help lists the options).`, zh: `未知选项 ${flag}（--help 列出全部选项）。` };
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return { en: `unexpected argument "${quoted}": every value is given with its --option.`, zh: `多余的参数 "${quoted}"：每个值都要跟在对应的 --选项 后面。` };
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('argument missing')) return { en: `option ${flag} needs a value.`, zh: `选项 ${flag} 需要一个值。` };
      if (message.includes('ambiguous')) {
        return {
          en: `option ${flag} needs a value, and the next word starts with "-": if that is the value, write ${flag}=VALUE.`,
          zh: `选项 ${flag} 需要一个值，而下一个词以 "-" 开头：如果它就是值，请写成 ${flag}=值。`,
        };
      }
      return { en: `option ${flag} takes no value.`, zh: `选项 ${flag} 不带值。` };
    default:
      return { en: message, zh: message };
  }
}

/** An unknown (sub)command: the sentence the caller gives, with the closest known command when it is close. */
export function unknownCommand(name: string, known: readonly string[], said: Said): Said {
  const near = didYouMean(name, known);
  return near ? { en: `${said.en} Did you mean "${near}"?`, zh: `${said.zh}是否想用 "${near}"？` } : said;
}
