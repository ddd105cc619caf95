// The dashboard API of `wxdesk serve` answers only this run's page: key header, loopback Host
// (DNS rebinding), own Origin (CSRF).
import { request as httpRequest } from 'node:http';
import { expect, test } from './fixtures';

interface Answer {
  status: number;
  body: string;
}

function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        // The event stream never ends: its first bytes are enough.
        if (res.headers['content-type']?.startsWith('text/event-stream')) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

test('dashboard API calls without the key, with a foreign Host or a foreign Origin are refused', async ({ wxdesk }) => {
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ args: [] });
  const host = `127.0.0.1:${wxdesk.port}`;
  const call = (headers: Record<string, string>, path = '/api/listAccounts') => send(wxdesk.port, path, { headers: { ...json, ...headers }, body });

  // The control: the page's own call is answered.
  const ok = await call({ host, 'x-wxdesk-key': wxdesk.key });
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body)).toEqual({ value: [] });
  expect((await call({ host, origin: `http://${host}`, 'x-wxdesk-key': wxdesk.key })).status).toBe(200);

  const noKey = await call({ host });
  expect(noKey.status).toBe(401);
  expect(JSON.parse(noKey.body).error.code).toBe('FORBIDDEN');
  expect((await call({ host, 'x-wxdesk-key': `${wxdesk.key}x` })).status).toBe(401);
  expect((await call({ host, 'x-wxdesk-key': '' })).status).toBe(401);

  // DNS rebinding: the key does not help a page whose name merely resolves to 127.0.0.1.
  expect((await call({ host: `evil.example:${wxdesk.port}`, 'x-wxdesk-key': wxdesk.key })).status).toBe(403);
  expect((await send(wxdesk.port, '/', { method: 'GET', headers: { host: `evil.example:${wxdesk.port}` } })).status).toBe(403);

  // CSRF: another origin is refused, key or not.
  expect((await call({ host, origin: 'http://evil.example', 'x-wxdesk-key': wxdesk.key })).status).toBe(403);
  expect((await call({ host, origin: `http://localhost:${wxdesk.port + 1}`, 'x-wxdesk-key': wxdesk.key })).status).toBe(403);
  expect((await call({ host, origin: 'null', 'x-wxdesk-key': wxdesk.key })).status).toBe(403);

  // The event stream is guarded the same way.
  expect((await send(wxdesk.port, '/api/events', { method: 'GET', headers: { host } })).status).toBe(401);
  expect((await send(wxdesk.port, '/api/events', { method: 'GET', headers: { host, origin: 'http://evil.example', 'x-wxdesk-key': wxdesk.key } })).status).toBe(403);
  const events = await send(wxdesk.port, '/api/events', { method: 'GET', headers: { host, 'x-wxdesk-key': wxdesk.key } });
  expect(events.status).toBe(200);

  // Nothing was changed by the refused calls.
  const save = JSON.stringify({ args: [{ appId: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' }] });
  expect((await send(wxdesk.port, '/api/saveAccount', { headers: { ...json, host, origin: 'http://evil.example', 'x-wxdesk-key': wxdesk.key }, body: save })).status).toBe(403);
  expect(await wxdesk.call('listAccounts')).toEqual([]);
});

test('the page is served with a strict CSP and no inline script', async ({ wxdesk }) => {
  const page = await send(wxdesk.port, '/', { method: 'GET', headers: { host: `127.0.0.1:${wxdesk.port}` } });
  expect(page.status).toBe(200);
  expect(page.body).toContain('Content-Security-Policy');
  expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(page.body).not.toMatch(/style="/);
  const res = await fetch(`${wxdesk.url}/`);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
});
