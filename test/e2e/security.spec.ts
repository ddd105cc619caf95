// What the security work changed, seen in the page: a move to another host asks for the secret
// again, the page carries the one CSP, and the desktop shows a refusal as an error, not the
// browser's key screen.
import { CSP, META_CSP } from '../../electron/host/csp';
import { expect, test } from './fixtures';

test('moving an account to another host asks for its AppSecret again, and nothing is saved until then', async ({ dashboard, wxdesk, fake }) => {
  const { page } = dashboard;
  const seeded = await dashboard.seed();
  await dashboard.open();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Custom API base URL').fill('https://collector.example');
  await page.getByRole('button', { name: 'Save account' }).click();
  const secret = page.getByLabel('AppSecret', { exact: true });
  await expect(secret).toHaveAccessibleDescription(/AppSecret entered again/);
  await expect(secret).toBeFocused();
  const [view] = await wxdesk.call<{ apiBase: string }[]>('listAccounts');
  expect(view?.apiBase).toBe(fake.url);

  // With the secret typed again, the move is saved.
  await secret.fill(seeded.secret);
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();
  const [moved] = await wxdesk.call<{ apiBase: string }[]>('listAccounts');
  expect(moved?.apiBase).toBe('https://collector.example');
});

test('the page carries the one CSP: the header in full, the meta tag without frame-ancestors', async ({ wxdesk }) => {
  const res = await fetch(`${wxdesk.url}/`, { headers: { host: `127.0.0.1:${wxdesk.port}` } });
  expect(res.headers.get('content-security-policy')).toBe(CSP);
  const html = await res.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
  expect(meta).toBe(META_CSP);
  expect(CSP).toContain("frame-ancestors 'none'");
});

test('in the desktop window a refused call shows as an error, never as the browser key screen', async ({ page, wxdesk }) => {
  // The desktop's preload bridge, standing in: every call comes back refused, as ipc.ts refuses a foreign frame.
  await page.addInitScript(() => {
    const refused = { ok: false, error: { code: 'FORBIDDEN', kind: 'input', message: 'Refused: the calling page is not the WxDesk dashboard.', hint: 'Only the WxDesk window may call the dashboard API.' } };
    const bridge = new Proxy({}, { get: (_t, name) => (name === 'onChange' ? () => () => undefined : async () => refused) });
    Object.defineProperty(globalThis, 'wxdesk', { value: bridge });
  });
  await page.goto(`${wxdesk.url}/`);
  await expect(page.getByRole('alert')).toContainText('WxDesk could not load the dashboard.');
  await expect(page.getByRole('alert')).toContainText('Refused: the calling page is not the WxDesk dashboard.');
  await expect(page.getByRole('heading', { name: 'Open the dashboard with its key' })).toHaveCount(0);
  await page.goto('about:blank');
});
