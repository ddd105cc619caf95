// The bare side of the endpoint pairs: node:http answering one constant body of WeChat's token shape,
// with the same headers WxDesk's endpoint sends. Prints its port on the first stdout line.
//
//   node bare-server.mjs BODY_LENGTH
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const length = Number(process.argv[2] ?? 165);
const head = '{"access_token":"';
const tail = '","expires_in":7000}';
const body = head + 'A'.repeat(Math.max(1, length - head.length - tail.length)) + tail;
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'content-length': Buffer.byteLength(body),
};

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen({ host: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port, bodyLength: body.length }) + '\n');
});
const close = () => {
  server.close();
  server.closeAllConnections();
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
