// What the user must know about the data (a damaged file moved aside, the team's Redis out of
// reach). Loaded when there is such a notice.
import { defineStrings } from '../../i18n/define';

const en = {
  'notice.heading': 'A data file was damaged',
  'notice.damaged': '{file} could not be read. The damaged copy is kept at {movedTo}.',
  'notice.memory': 'WxDesk wrote back the copy it held, which no other process had changed since: nothing was lost.',
  'notice.empty': 'WxDesk carried on without it: add the missing accounts or secrets again, or repair the copy and move it back.',
  'notice.partial': 'WxDesk kept the readable part of it (whole records only): add anything missing again, or repair the copy and move it back.',
  'notice.records': '{file} held records of the wrong type: {records}. WxDesk set them aside and uses the rest; the file as it was is kept at {movedTo}.',
  'notice.recordsHint': 'A token set aside is fetched again; an account set aside must be added again (or repaired in the copy and moved back).',
  'notice.settings': 'settings',

  'fault.heading': 'WxDesk carried on through a fault',

  'team.downHeading': 'The team’s Redis cannot be reached',
  'team.down': 'WxDesk cannot reach {server}. It serves this machine’s copy of the tokens and reconnects with backoff.',
  'team.downHint': 'Stable tokens go on being refreshed here; classic tokens are served until they expire but not fetched again (a new one would retire the team’s). When Redis is back, the newest token wins.',
  'team.refusedHeading': 'A change from the team’s Redis was refused',
  'team.movesSecret': '{by} changed {appId} in the team’s Redis to use the API base {detail}, but this machine’s AppSecret for it was saved for another base. This machine keeps its copy of the account, and the AppSecret goes nowhere else.',
  'team.movesSecretHint': 'If the move is right, enter the AppSecret again for the new base on this machine (edit the account). If nobody on your team made it, someone else can write to your Redis: change its password.',
  'team.invalid': 'A record of {appId} in the team’s Redis, written by {by}, fails the checks an account gets ({detail}). This machine keeps its copy of the account.',
  'team.badEntryHeading': 'An account in the team’s Redis cannot be read',
} as const;

const zh: Record<keyof typeof en, string> = {
  'notice.heading': '数据文件已损坏',
  'notice.damaged': '无法读取 {file}。损坏的副本保存在 {movedTo}。',
  'notice.memory': 'WxDesk 已写回其持有的副本（此后没有其他进程修改过该文件），未丢失任何内容。',
  'notice.empty': 'WxDesk 已在没有该文件的情况下继续运行：请重新添加缺失的账号或密钥，或修复副本后移回原处。',
  'notice.partial': 'WxDesk 保留了其中可读的部分（仅完整的记录）：请重新添加缺失的内容，或修复副本后移回原处。',
  'notice.records': '{file} 中有字段类型错误的记录：{records}。WxDesk 已将其搁置并继续使用其余数据；原文件保存在 {movedTo}。',
  'notice.recordsHint': '被搁置的 token 会重新获取；被搁置的账号需要重新添加（或在副本中修复后移回原处）。',
  'notice.settings': '设置',

  'fault.heading': 'WxDesk 遇到问题，已继续运行',

  'team.downHeading': '无法连接团队的 Redis',
  'team.down': 'WxDesk 无法连接 {server}。正在使用本机保存的 token，并以退避方式重连。',
  'team.downHint': 'stable_token 仍会在本机刷新；普通 token 在过期前继续提供，但不会重新获取（新 token 会使团队的 token 失效）。Redis 恢复后，以最新的 token 为准。',
  'team.refusedHeading': '已拒绝来自团队 Redis 的修改',
  'team.movesSecret': '{by} 在团队 Redis 中把 {appId} 的 API 地址改为 {detail}，而本机保存的 AppSecret 对应的是另一个地址。本机保留自己的账号副本，AppSecret 不会发往其他地址。',
  'team.movesSecretHint': '如这次修改正确，请在本机为新地址重新填写 AppSecret（编辑账号）。如团队中无人做过此修改，说明有其他人能写入你们的 Redis：请更换其密码。',
  'team.invalid': '团队 Redis 中 {appId} 的记录（写入者：{by}）未通过账号检查（{detail}）。本机保留自己的账号副本。',
  'team.badEntryHeading': '团队 Redis 中有一个账号无法读取',
};

export const noticesStrings = defineStrings(en, zh);
