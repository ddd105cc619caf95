// The bare side of the endpoint pairs: node:http answering one constant body of WeChat's token shape,
// with the same headers WxDesk's endpoint sends. Prints its port on the first stdout line. With
// --static, the bare side of the page section instead: the files of DIR (bare-page.ts, bundled, and
// its index.html), `/` being index.html.
//
//   node bare-server.mjs BODY_LENGTH
//   node bare-server.mjs --static DIR
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

function tokenBody(length: number): [RequestListener, number] {
  const head = '{"access_token":"';
  const tail = '","expires_in":7000}';
  const body = head + 'A'.repeat(Math.max(1, length - head.length - tail.length)) + tail;
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  };
  const listener: RequestListener = (_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  };
  return [listener, body.length];
}

function staticFiles(dir: string): RequestListener {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const files = new Map(['index.html', 'bare.js'].map((f) => [`/${f}`, { body: readFileSync(join(dir, f)), type: types[f.slice(f.lastIndexOf('.'))]! }]));
  return (req, res) => {
    const file = files.get(req.url === '/' ? '/index.html' : (req.url ?? ''));
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-store' });
    res.end(file.body);
  };
}

const staticDir = process.argv[2] === '--static' ? process.argv[3] : undefined;
const [listener, bodyLength] = staticDir ? [staticFiles(staticDir), 0] : tokenBody(Number(process.argv[2] ?? 165));
const server = createServer(listener);
server.listen({ host: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port, bodyLength }) + '\n');
});
const close = () => {
  server.close();
  server.closeAllConnections();
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
