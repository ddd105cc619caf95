// Looking up a rid never replaces the error it is about (issue 21, item 3). The lookup needs the
// account's access_token; on an account whose last fetch failed, fetching one for the lookup made a
// new failure, recorded as the account's last error with a new rid: the rid the user wanted was gone.
import { expect, it } from 'vitest';
import { Dashboard, errorView } from '../electron/core/dashboard';
import { closedAfterEach } from './fixtures/cleanup';
import { APPID, makeCore } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

const { cores, fakes } = closedAfterEach();

async function failing() {
  const fake = await FakeWeChat.start();
  fakes.push(fake);
  const core = makeCore({ fake });
  cores.push(core);
  await core.accounts.save({ appId: APPID, autoRefresh: false });
  // A transient fault: nothing holds the next demand back, so a lookup would fetch again.
  fake.fail('busy', { path: '/cgi-bin/stable_token', times: 100 });
  await expect(core.keeper.refresh(APPID, 'manual')).rejects.toMatchObject({ code: -1 });
  const last = core.keeper.state(APPID).lastError!;
  expect(last.error.rid).toBeTruthy();
  return { fake, core, dash: new Dashboard({ core, host: 'browser', version: 'test' }), last };
}

it('an account whose last fetch failed: the lookup fails at once, with no call, and the last error and its rid stay', async () => {
  const { fake, core, dash, last } = await failing();
  const calls = fake.calls.length;
  const e = await dash.handlers.lookupRid(APPID, last.error.rid!).then(() => null, (x: unknown) => errorView(x));
  expect(e).toMatchObject({ code: 'RID_NEEDS_TOKEN', kind: 'config' });
  expect(e!.message).toMatch(/needs a valid access_token .* its last token fetch failed/);
  expect(e!.zh!.message).toMatch(/查询 rid 需要/);
  expect(fake.calls.length).toBe(calls);
  expect(core.keeper.state(APPID).lastError).toEqual(last);
});

it('with a valid token the lookup works as before, and a refused rid (76001) is not the account\'s last error', async () => {
  const fake = await FakeWeChat.start();
  fakes.push(fake);
  const core = makeCore({ fake });
  cores.push(core);
  await core.keeper.get(APPID);
  const dash = new Dashboard({ core, host: 'browser', version: 'test' });
  await expect(dash.handlers.lookupRid(APPID, '0000aaaa-0000bbbb-0000cccc')).rejects.toMatchObject({ code: 76001 });
  expect(core.keeper.state(APPID).lastError).toBeUndefined();
});
