// A renderer that is gone (issue 22, item 9): Ctrl/Cmd+R is the token refresh, so nobody can reload
// a blank window by hand; the shell reloads once, then opens a new window, then quits, and says so.
import { describe, expect, it } from 'vitest';
import { CrashRecovery, QUIET_MS } from '../electron/shell/crash';

describe('a gone renderer', () => {
  it('reload, then a new window, then quit (never a loop), each step said', () => {
    const r = new CrashRecovery();
    const t = 1_000_000;
    const steps = [r.next('crashed', t, 'en'), r.next('oom', t + 1_000, 'en'), r.next('crashed', t + 2_000, 'en')];
    expect(steps.map((s) => s.action)).toEqual(['reload', 'recreate', 'quit']);
    expect(steps[0]!.text).toMatch(/stopped \(crashed\) and was reloaded/);
    expect(steps[1]!.text).toMatch(/opened anew/);
    expect(steps[2]!.text).toMatch(/WxDesk quits/);
    expect(r.next('crashed', t + 3_000, 'en').action).toBe('quit');
  });

  it('a clean exit (the window closing) is no crash; a crash after a quiet minute starts over', () => {
    const r = new CrashRecovery();
    expect(r.next('clean-exit', 0, 'en')).toEqual({ action: 'ignore', text: '' });
    expect(r.next('killed', 10, 'en').action).toBe('reload');
    expect(r.next('crashed', 20, 'en').action).toBe('recreate');
    expect(r.next('crashed', 20 + QUIET_MS + 1, 'en').action).toBe('reload');
  });

  it('in Chinese', () => {
    const r = new CrashRecovery();
    expect(r.next('crashed', 0, 'zh-CN').text).toMatch(/^控制台页面意外停止（crashed），已重新加载/);
    expect(r.next('crashed', 1, 'zh-CN').text).toMatch(/已重新打开窗口/);
    expect(r.next('crashed', 2, 'zh-CN').text).toMatch(/WxDesk 将退出/);
  });
});
