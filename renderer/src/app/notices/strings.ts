// What the user must know about the data (a damaged file moved aside, the team's Redis out of
// reach). Loaded when there is such a notice.
import { defineStrings } from '../../i18n/define';

const en = {
  'notice.heading': 'A data file was damaged',
  'notice.damaged': '{file} could not be read. The damaged copy is kept at {movedTo}.',
  'notice.memory': 'WxDesk wrote back the last good copy it held: nothing was lost.',
  'notice.empty': 'WxDesk carried on without it: add the missing accounts or secrets again, or repair the copy and move it back.',

  'team.downHeading': 'The team’s Redis cannot be reached',
  'team.down': 'WxDesk cannot reach {server}. It serves this machine’s copy of the tokens and reconnects with backoff.',
  'team.downHint': 'Stable tokens go on being refreshed here; classic tokens are served until they expire but not fetched again (a new one would retire the team’s). When Redis is back, the newest token wins.',
  'team.badEntryHeading': 'An account in the team’s Redis cannot be read',
} as const;

const zh: Record<keyof typeof en, string> = {
  'notice.heading': '数据文件已损坏',
  'notice.damaged': '无法读取 {file}。损坏的副本保存在 {movedTo}。',
  'notice.memory': 'WxDesk 已写回其持有的最后一份完好数据，未丢失任何内容。',
  'notice.empty': 'WxDesk 已在没有该文件的情况下继续运行：请重新添加缺失的账号或密钥，或修复副本后移回原处。',

  'team.downHeading': '无法连接团队的 Redis',
  'team.down': 'WxDesk 无法连接 {server}。正在使用本机保存的 token，并以退避方式重连。',
  'team.downHint': 'stable_token 仍会在本机刷新；普通 token 在过期前继续提供，但不会重新获取（新 token 会使团队的 token 失效）。Redis 恢复后，以最新的 token 为准。',
  'team.badEntryHeading': '团队 Redis 中有一个账号无法读取',
};

export const noticesStrings = defineStrings(en, zh);
