// The Simulator tab in Chromium against `wxdesk serve`, the fake WeChat API and a callback server
// from test/fixtures (node:crypto only, written apart from WxDesk's code) that logs every push it
// read: a 3×5 draft menu tapped button by button, a typed text, Edit XML refusing a syntax error
// with nothing sent, followers switched, the live menu, a server WeChat would not show, the phone
// by keyboard only, WeChat's retry (its gap shortened for the test), and the Chinese page in dark.
import type { Locator, Page } from '@playwright/test';
import type { MenuDraft } from '../../electron/contract';
import { CallbackServer, type CallbackServerOptions } from '../fixtures/callback-servers';
import { everyTypeMenu } from '../fixtures/menus';
import { expect, test, type Dashboard } from './fixtures';

const TOKEN = 'simToken2024';

/** A field of the last push the server read. */
const field = (xml: string | undefined, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml ?? '')?.slice(1).find((v) => v !== undefined);

async function openSimulator(dashboard: Dashboard, page: Page, options: Partial<CallbackServerOptions> = {}, tab = 'Simulator') {
  const server = await CallbackServer.start({ token: TOKEN, ...options });
  const seeded = await dashboard.seed({ serverToken: TOKEN, label: 'Demo account' });
  await dashboard.open();
  await page.getByRole('tab', { name: tab, exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: tab, exact: true });
  return { server, seeded, panel };
}

const chat = (panel: Locator, name = 'Conversation') => panel.getByRole('list', { name, exact: true });
/** What each side of the chat shows (the words for screen readers that say whose line it is left out). */
const follower = (panel: Locator, name?: string) => chat(panel, name).locator('.chat__row--follower > :not(.sr-only)');
const account = (panel: Locator, name?: string) => chat(panel, name).locator('.chat__row--account > :not(.sr-only)');
const system = (panel: Locator) => chat(panel).locator('.chat__row--system > :not(.sr-only)');

/** Every type menu/create takes, 3 buttons with 5 sub-buttons each; the third name is one the phone cuts. */
const MENU: MenuDraft = everyTypeMenu('更多菜单项目');

async function loadDraft(panel: Locator, menu: MenuDraft) {
  await panel.getByLabel('Menu JSON', { exact: true }).fill(JSON.stringify(menu, null, 2));
  await panel.getByRole('button', { name: 'Show on the phone' }).click();
  await expect(panel.getByRole('navigation', { name: 'Menu' })).toBeVisible();
}

/** Opens the top-level button `top` and taps its sub-button `sub`. */
async function tap(panel: Locator, top: string, sub: string) {
  const menu = panel.getByRole('navigation', { name: 'Menu' });
  await menu.getByRole('button', { name: top, exact: true }).click();
  await menu.getByRole('button', { name: sub, exact: true }).click();
}

test.describe('the Simulator tab', () => {
  test('taps every button type of a 3×5 draft menu: each event reaches the server with its key, and the reply is drawn', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page);
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      await loadDraft(panel, MENU);
      const menu = panel.getByRole('navigation', { name: 'Menu' });
      // Laid out as WeChat: 3 buttons, names cut after 4 Chinese characters (8 in a sub-menu), whole for screen readers.
      await expect(menu.getByRole('button', { name: '更多菜单项目', exact: true }).locator('[aria-hidden="true"]')).toHaveText(['≡', '更多菜单…']);
      await menu.getByRole('button', { name: '发图', exact: true }).click();
      await expect(menu.getByRole('button', { name: '赞一下我们吧好不好', exact: true }).locator('[aria-hidden="true"]')).toHaveText('赞一下我们吧好不…');
      await expect(menu.getByRole('button', { name: '拍照或者相册发图', exact: true })).toHaveText('拍照或者相册发图');
      // Escape closes the sub-menu and gives the focus back to its button.
      await page.keyboard.press('Escape');
      await expect(menu.getByRole('button', { name: '赞一下我们吧好不好', exact: true })).toBeHidden();
      await expect(menu.getByRole('button', { name: '发图', exact: true })).toBeFocused();
      await expect(menu.getByRole('button', { name: '发图', exact: true })).toHaveAttribute('aria-expanded', 'false');

      const expectPush = async (n: number, event: string, key: string) => {
        await expect.poll(() => server.pushes.length).toBe(n);
        expect(field(server.pushes[n - 1], 'Event')).toBe(event);
        expect(field(server.pushes[n - 1], 'EventKey')).toBe(key);
      };

      await tap(panel, '消息', '今日歌曲');
      await expect(account(panel).last()).toHaveText('V1001_TODAY_MUSIC');
      await expect(follower(panel).last()).toHaveText('Tapped “今日歌曲”');
      await expectPush(1, 'CLICK', 'V1001_TODAY_MUSIC');

      await tap(panel, '消息', '搜索');
      await expect(system(panel).filter({ hasText: 'Opens https://www.soso.com/' })).toBeVisible();
      await expectPush(2, 'VIEW', 'https://www.soso.com/');
      await expect(account(panel).last()).toContainText('No reply');

      for (const [name, key, event] of [
        ['扫码推事件', 'SCAN_PUSH', 'scancode_push'],
        ['扫码带提示', 'SCAN_WAIT', 'scancode_waitmsg'],
      ] as const) {
        await tap(panel, '消息', name);
        const ask = panel.getByRole('form', { name: 'What did the scanner read?' });
        await ask.getByLabel('Scanned text', { exact: true }).fill(`scanned-${key}`);
        await ask.getByRole('button', { name: 'Send the scan' }).click();
        await expect(account(panel).last()).toHaveText(`${key}: scanned-${key}`);
        const n = server.pushes.length;
        expect(field(server.pushes[n - 1], 'Event')).toBe(event);
        expect(field(server.pushes[n - 1], 'ScanResult')).toBe(`scanned-${key}`);
      }

      await tap(panel, '消息', '小程序');
      await expect(system(panel).filter({ hasText: 'Opens the mini program wx286b93c14bbf93aa at pages/lunar/index' })).toBeVisible();
      await expectPush(5, 'view_miniprogram', 'pages/lunar/index');

      for (const [name, key, event] of [
        ['系统拍照发图', 'PIC_SYS', 'pic_sysphoto'],
        ['拍照或者相册发图', 'PIC_ALBUM', 'pic_photo_or_album'],
        ['微信相册发图', 'PIC_WX', 'pic_weixin'],
      ] as const) {
        const before = server.pushes.length;
        await tap(panel, '发图', name);
        await expect(account(panel).last()).toHaveText(`${key}: 1 picture(s)`);
        await expectPush(before + 1, event, key);
        expect(field(server.pushes[before], 'PicMd5Sum')).toMatch(/^[0-9a-f]{32}$/);
      }
      await tap(panel, '发图', '发送位置');
      await expect(account(panel).last()).toHaveText(/^LOC_SELECT: .+/);
      await expectPush(9, 'location_select', 'LOC_SELECT');
      await tap(panel, '发图', '赞一下我们吧好不好');
      await expect(account(panel).last()).toHaveText('V1001_GOOD');
      await expectPush(10, 'CLICK', 'V1001_GOOD');

      // WeChat answers these itself: the phone says so, and the server hears nothing.
      await tap(panel, '更多菜单项目', '图片素材');
      await expect(system(panel).filter({ hasText: 'WeChat sends the material MEDIA_1 itself' })).toBeVisible();
      await tap(panel, '更多菜单项目', '发布文章');
      await tap(panel, '更多菜单项目', '图文链接');
      await expect(system(panel).filter({ hasText: 'WeChat opens the article ARTICLE_2 itself' })).toBeVisible();
      await tap(panel, '更多菜单项目', 'Settings');
      await expect(account(panel).last()).toHaveText('V_SETTINGS');
      await expectPush(11, 'CLICK', 'V_SETTINGS');
      await tap(panel, '更多菜单项目', '文档');
      await expectPush(12, 'VIEW', 'https://developers.weixin.qq.com/');

      // Every exchange is in the log, newest first, with its request.
      const log = panel.getByRole('region', { name: 'Exchanges' });
      await expect(log.getByRole('listitem').filter({ has: page.locator('.sim-log__kind') })).toHaveCount(12);
    } finally {
      await server.close();
    }
  });

  test('keyboard only: the phone, then its menu; a sub-button tapped with the keys keeps the focus; the keyboard switch and back', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page);
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      await loadDraft(panel, MENU);
      const menu = panel.getByRole('navigation', { name: 'Menu' });
      const top = menu.getByRole('button', { name: '消息', exact: true });
      // The phone's screen is a tab stop (it scrolls); then the menu: its keyboard switch, its buttons.
      await panel.locator('.phone__screen').focus();
      await page.keyboard.press('Tab');
      await expect(menu.getByRole('button', { name: 'Switch to the keyboard' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(top).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(top).toHaveAttribute('aria-expanded', 'true');
      await page.keyboard.press('Tab');
      await expect(menu.getByRole('button', { name: '今日歌曲', exact: true })).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(menu.getByRole('button', { name: '搜索', exact: true })).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await expect.poll(() => server.pushes.length).toBe(1);
      expect(field(server.pushes[0], 'EventKey')).toBe('V1001_TODAY_MUSIC');
      await expect(account(panel).last()).toHaveText('V1001_TODAY_MUSIC');
      // The sub-menu closed under the focus: it is back on its button, not lost to the page.
      await expect(top).toHaveAttribute('aria-expanded', 'false');
      await expect(top).toBeFocused();

      // Tabbing out of an open sub-menu closes it.
      await page.keyboard.press('Enter');
      for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
      await expect(menu.getByRole('button', { name: '发图', exact: true })).toBeFocused();
      await expect(top).toHaveAttribute('aria-expanded', 'false');
      await expect(menu.getByRole('button', { name: '今日歌曲', exact: true })).toBeHidden();

      // A scan button asks what was read, with the focus in the question.
      await page.keyboard.press('Shift+Tab');
      await expect(top).toBeFocused();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const scanned = panel.getByRole('form', { name: 'What did the scanner read?' }).getByLabel('Scanned text', { exact: true });
      await expect(scanned).toBeFocused();
      await page.keyboard.type('scanned by keys');
      await page.keyboard.press('Enter');
      await expect(account(panel).last()).toHaveText('SCAN_PUSH: scanned by keys');

      // The switch to the keyboard puts the focus in the message box; the switch back, on the menu's first button.
      await menu.getByRole('button', { name: 'Switch to the keyboard' }).focus();
      await page.keyboard.press('Enter');
      const message = panel.getByRole('textbox', { name: 'Message', exact: true });
      await expect(message).toBeFocused();
      await page.keyboard.type('typed');
      await page.keyboard.press('Enter');
      await expect(account(panel).last()).toHaveText('You said: typed');
      await page.keyboard.press('Shift+Tab');
      await expect(panel.getByRole('button', { name: 'Switch to the menu' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(top).toBeFocused();
    } finally {
      await server.close();
    }
  });

  test('a typed text shows both bubbles; the reply keeps only http(s) links and draws markup as text', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page);
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      const message = panel.getByRole('textbox', { name: 'Message', exact: true });
      await message.fill('hello there');
      await message.press('Enter');
      await expect(follower(panel)).toHaveText(['hello there']);
      await expect(account(panel)).toHaveText(['You said: hello there']);
      await expect(message).toHaveValue('');
      expect(field(server.pushes[0], 'Content')).toBe('hello there');

      await message.fill('<a href="javascript:alert(1)">bad</a> <a href="https://example.com/ok">ok</a> <img src=x onerror=alert(1)>');
      await message.press('Enter');
      const reply = account(panel).last();
      await expect(reply).toContainText('<img src=x onerror=alert(1)>');
      await expect(reply.getByRole('link', { name: 'ok' })).toHaveAttribute('href', 'https://example.com/ok');
      await expect(reply.getByRole('link')).toHaveCount(1);
      await expect(reply.locator('img')).toHaveCount(0);

      // A link shared comes back as a news card: its picture is named, never loaded (the fixture fails the test on a CSP error).
      const pushes = panel.getByRole('region', { name: 'Push a message or an event' });
      await pushes.getByRole('button', { name: 'Link', exact: true }).click();
      await pushes.getByRole('button', { name: 'Send Link' }).click();
      const news = chat(panel).getByRole('list', { name: 'Articles' });
      await expect(news.getByRole('link', { name: 'WxDesk' })).toHaveAttribute('href', 'https://example.com/wxdesk');
      await expect(news).toContainText('Picture: example.com/…/cover.jpg');
      await expect(news.locator('img')).toHaveCount(0);
    } finally {
      await server.close();
    }
  });

  test('Edit XML: a syntax error is shown at its line and nothing is sent', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page);
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      const pushes = panel.getByRole('region', { name: 'Push a message or an event' });
      await pushes.getByRole('button', { name: 'Text', exact: true }).click();
      await pushes.getByLabel('Content', { exact: true }).fill('edited by hand');
      await pushes.getByRole('button', { name: 'Edit XML' }).click();
      const xml = pushes.getByLabel('Push XML', { exact: true });
      await expect(xml).toHaveValue(/<Content><!\[CDATA\[edited by hand\]\]><\/Content>/);
      const text = await xml.inputValue();
      const line = text.split('\n').findIndex((l) => l.includes('<Content>')) + 1;
      expect(line).toBeGreaterThan(0);
      await xml.fill(text.replace('</Content>', '</Contnt>'));
      await pushes.getByRole('button', { name: 'Send this XML' }).click();
      const problems = pushes.getByRole('alert').filter({ hasText: 'nothing is sent until they are fixed' });
      await expect(problems).toBeVisible();
      await expect(problems.getByRole('listitem').first()).toContainText(`Line ${line}`);
      await expect(xml).toHaveAttribute('aria-invalid', 'true');
      expect(server.requests).toEqual([]);
      expect(server.pushes).toEqual([]);
      await expect(follower(panel)).toHaveCount(0);
      // The page itself held it back: nothing was even offered to the core to send (and refused).
      await expect(panel.getByRole('alert').filter({ hasText: 'The push was not sent' })).toHaveCount(0);

      // Fixed, it goes as written.
      await xml.fill(text);
      await pushes.getByRole('button', { name: 'Send this XML' }).click();
      await expect(account(panel)).toHaveText(['You said: edited by hand']);
      expect(server.pushes).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test('switching follower switches the conversation and the OpenID the server sees', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page);
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      const message = panel.getByRole('textbox', { name: 'Message', exact: true });
      await message.fill('from the first');
      await message.press('Enter');
      await expect(account(panel)).toHaveText(['You said: from the first']);
      const first = field(server.pushes[0], 'FromUserName');
      await expect(panel.getByLabel('Follower', { exact: true }).locator('option:checked')).toHaveText(`Follower 1 (${first})`);

      await panel.getByRole('button', { name: 'Add follower' }).click();
      const add = panel.getByRole('form', { name: 'Add follower' });
      await add.getByLabel('Name', { exact: true }).fill('Bob');
      const bobId = await add.getByLabel('OpenID', { exact: true }).inputValue();
      expect(bobId).toMatch(/^o[\w-]{27}$/);
      await add.getByRole('button', { name: 'Save' }).click();
      const picker = panel.getByLabel('Follower', { exact: true });
      await expect(picker).toHaveValue(bobId);
      await expect(follower(panel)).toHaveCount(0);

      await message.fill('from Bob');
      await message.press('Enter');
      await expect(account(panel)).toHaveText(['You said: from Bob']);
      expect(field(server.pushes[1], 'FromUserName')).toBe(bobId);

      await picker.selectOption(first!);
      await expect(follower(panel)).toHaveText(['from the first']);

      // Renamed and removed, kept with the account.
      await picker.selectOption(bobId);
      await panel.getByRole('button', { name: 'Rename' }).click();
      await panel.getByRole('form', { name: 'Rename' }).getByLabel('Name', { exact: true }).fill('Robert');
      await panel.getByRole('form', { name: 'Rename' }).getByRole('button', { name: 'Save' }).click();
      await expect(picker.locator('option:checked')).toHaveText(`Robert (${bobId})`);
      await panel.getByRole('button', { name: 'Remove follower' }).click();
      await expect(picker).toHaveValue(first!);
      await expect(picker.locator('option')).toHaveCount(1);
    } finally {
      await server.close();
    }
  });

  test('the live menu comes from menu/get through the console, with Reload', async ({ dashboard, page, wxdesk }) => {
    const { server, seeded, panel } = await openSimulator(dashboard, page);
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      await panel.getByRole('radio', { name: 'Live menu (menu/get)' }).check();
      await expect(panel.getByText('The account has no menu yet (46003)')).toBeVisible();
      await wxdesk.call('consoleSend', { appId: seeded.appId, method: 'POST', path: '/cgi-bin/menu/create', body: JSON.stringify({ button: [{ type: 'click', name: '今日歌曲', key: 'LIVE_KEY' }] }) });
      await panel.getByRole('button', { name: 'Reload', exact: true }).click();
      await panel.getByRole('navigation', { name: 'Menu' }).getByRole('button', { name: '今日歌曲', exact: true }).click();
      await expect(account(panel).last()).toHaveText('LIVE_KEY');
      expect(field(server.pushes[0], 'EventKey')).toBe('LIVE_KEY');
    } finally {
      await server.close();
    }
  });

  test('a reply WeChat would not show is the follower’s “cannot serve” line, with its cause and a way to the exchange', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page, { fault: 'json-reply' });
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      const message = panel.getByRole('textbox', { name: 'Message', exact: true });
      await message.fill('hi');
      await message.press('Enter');
      const cannot = chat(panel).getByRole('group', { name: '该公众号暂时无法提供服务，请稍后再试' });
      await expect(cannot).toBeVisible();
      await expect(cannot).toContainText('Why:');
      await cannot.getByRole('button', { name: 'See the exchange in the log' }).click();
      const entry = panel.getByRole('region', { name: 'Exchanges' }).locator('[data-exchange]').first();
      await expect(entry).toBeFocused();
      await expect(entry).toContainText('Not shown');
    } finally {
      await server.close();
    }
  });

  test('“Forge the signature”: a server that answers the forged push is the “cannot serve” line, one that refuses it shows nothing', async ({ dashboard, page }) => {
    const open = await openSimulator(dashboard, page, { fault: 'accepts-forged' });
    const careful = await CallbackServer.start({ token: TOKEN });
    const { server, panel } = open;
    try {
      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      await panel.getByRole('checkbox', { name: 'Forge the signature' }).check();
      const message = panel.getByRole('textbox', { name: 'Message', exact: true });
      await message.fill('hi');
      await message.press('Enter');
      const cannot = chat(panel).getByRole('group', { name: '该公众号暂时无法提供服务，请稍后再试' });
      await expect(cannot).toContainText('Forged signature accepted');
      await expect(panel.getByRole('region', { name: 'Exchanges' }).locator('[data-exchange]').first()).toContainText('Sent with a forged signature');
      expect(server.pushes).toHaveLength(1);

      await panel.getByLabel('Callback URL', { exact: true }).fill(careful.url);
      await message.fill('again');
      await message.press('Enter');
      await expect(panel.getByRole('region', { name: 'Exchanges' }).locator('[data-exchange]')).toHaveCount(2);
      await expect(chat(panel).getByRole('group', { name: '该公众号暂时无法提供服务，请稍后再试' })).toHaveCount(1);
      expect(careful.pushes).toHaveLength(0);
    } finally {
      await server.close();
      await careful.close();
    }
  });
});

test.describe('the Simulator tab in Chinese, dark', () => {
  test.use({ locale: 'zh-CN', colorScheme: 'dark' });

  test('speaks Chinese and draws the phone dark', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page, {}, '模拟器');
    try {
      await panel.getByLabel('回调 URL', { exact: true }).fill(server.url);
      // The follower the core makes is named in the page's language.
      await expect(panel.getByLabel('粉丝', { exact: true }).locator('option:checked')).toHaveText(/^粉丝 1 \(o[\w-]{27}\)$/);
      const message = panel.getByRole('textbox', { name: '消息', exact: true });
      await message.fill('你好');
      await message.press('Enter');
      await expect(follower(panel, '对话')).toHaveText(['你好']);
      await expect(account(panel, '对话')).toHaveText(['You said: 你好']);
      await expect(panel.getByRole('region', { name: '交互日志' }).getByText('会显示', { exact: true })).toBeVisible();
      await expect(panel.getByRole('button', { name: '编辑 XML' })).toBeVisible();
      const phone = panel.getByRole('region', { name: '手机：Demo account' });
      await expect(phone).toHaveCSS('background-color', 'rgb(17, 17, 17)');
    } finally {
      await server.close();
    }
  });
});

test.describe('the Simulator tab, WeChat’s retry (its 5 s gap shortened by WXDESK_TEST_RETRY_GAP_MS, which only tests set)', () => {
  test.use({ serveEnv: { WXDESK_TEST_RETRY_GAP_MS: '50' } });

  test('“Resend as WeChat’s retry” sends one MsgId three times and says whether the server handled it once', async ({ dashboard, page }) => {
    const { server, panel } = await openSimulator(dashboard, page);
    const careless = await CallbackServer.start({ token: TOKEN, fault: 'no-dedupe' });
    try {
      const log = panel.getByRole('region', { name: 'Exchanges' });
      const entries = log.locator('[data-exchange]');
      const message = panel.getByRole('textbox', { name: 'Message', exact: true });
      const retry = async (expected: number) => {
        await entries.first().getByRole('button', { name: 'Resend as WeChat’s retry' }).click();
        // Three sends 50 ms apart: well inside the default 5 s wait (with WeChat's gap it would take 10 s).
        await expect(entries).toHaveCount(expected);
        await expect(log.getByRole('button', { name: 'Resend as WeChat’s retry' }).first()).toBeEnabled();
      };

      await panel.getByLabel('Callback URL', { exact: true }).fill(server.url);
      await message.fill('once');
      await message.press('Enter');
      await expect(account(panel)).toHaveText(['You said: once']);
      await retry(2);
      await expect(entries.first()).toContainText('Retry: 3 sends of one MsgId; the server handled it once.');
      await expect(entries.first()).toContainText('Shown');
      // The first send and the three of the retry, one MsgId: the server handled it once.
      expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(4);
      expect(server.handled).toBe(1);

      await panel.getByLabel('Callback URL', { exact: true }).fill(careless.url);
      await message.fill('twice');
      await message.press('Enter');
      await expect(account(panel).last()).toHaveText('You said: twice (#1)');
      await retry(4);
      await expect(entries.first()).toContainText('the answers differ: the server handled it more than once');
      await expect(entries.first()).toContainText('Shown, with a warning');
      expect(careless.handled).toBe(4);
      expect(new Set(careless.pushes.map((x) => field(x, 'MsgId'))).size).toBe(1);
    } finally {
      await server.close();
      await careless.close();
    }
  });
});
