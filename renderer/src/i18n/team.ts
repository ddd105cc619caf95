// Team mode (a shared Redis): the dashboard's words for it, in both languages.

export const teamEn = {
  'team.downHeading': 'The team’s Redis cannot be reached',
  'team.down': 'WxDesk cannot reach {server}. It serves this machine’s copy of the tokens and reconnects with backoff.',
  'team.downHint': 'Stable tokens go on being refreshed here; classic tokens are served until they expire but not fetched again (a new one would retire the team’s). When Redis is back, the newest token wins.',
  'team.label': 'Team mode',
  'team.on': 'shared through {server}',
  'team.onDown': 'shared through {server} (not reachable now)',
  'team.off': 'off (this machine only)',
  'team.formLabel': 'Team mode settings',
  'team.url': 'Team Redis URL',
  'team.help': 'Share accounts (never AppSecrets), tokens and history with your team. Applied when WxDesk starts again. Tokens in Redis are live credentials: keep it private, with a password, and TLS (rediss://) beyond this machine.',
  'team.save': 'Save',
  'team.leave': 'Leave team mode',
  'team.saved': 'Saved: restart WxDesk to apply it.',
  'team.failed': 'The team setting could not be saved',
};

export const teamZh: Record<keyof typeof teamEn, string> = {
  'team.downHeading': '无法连接团队的 Redis',
  'team.down': 'WxDesk 无法连接 {server}。正在使用本机保存的 token，并以退避方式重连。',
  'team.downHint': 'stable_token 仍会在本机刷新；普通 token 在过期前继续提供，但不会重新获取（新 token 会使团队的 token 失效）。Redis 恢复后，以最新的 token 为准。',
  'team.label': '团队模式',
  'team.on': '通过 {server} 共享',
  'team.onDown': '通过 {server} 共享（当前无法连接）',
  'team.off': '关闭（仅本机）',
  'team.formLabel': '团队模式设置',
  'team.url': '团队 Redis 地址',
  'team.help': '与团队共享账号（从不包括 AppSecret）、token 和历史记录。WxDesk 下次启动时生效。Redis 中的 token 是有效凭据：请保持其私密，设置密码，并在本机以外使用 TLS（rediss://）。',
  'team.save': '保存',
  'team.leave': '退出团队模式',
  'team.saved': '已保存：重启 WxDesk 后生效。',
  'team.failed': '团队设置未能保存',
};
