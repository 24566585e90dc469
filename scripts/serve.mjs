/**
 * The app's HTTP server (scripts/start.ts runs it instead of `next start` / `next dev`): Next's own
 * request handler behind a plain Node server, for one reason. Next 16 tells route handlers nothing
 * about the connection, so the sign-in throttle could not know who is knocking without a proxy in
 * front. Here every request gets the socket's peer address in one header, after any copy the client
 * sent has been dropped; the value starts with a token made for this start (JIXIAO_PEER_TOKEN), so
 * the app believes the header only when it was served through this file (lib/http/client-address.ts).
 *
 * Plain JavaScript on purpose: Next's server code runs here, outside tsx's loader.
 *
 *   node scripts/serve.mjs [--dev] --port 3000 --host 127.0.0.1
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';

/** Keep in step with PEER_HEADER in lib/http/client-address.ts. */
const PEER_HEADER = 'x-jixiao-peer';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const token = process.env.JIXIAO_PEER_TOKEN;
if (!token) throw new Error('scripts/serve.mjs runs under scripts/start.ts (JIXIAO_PEER_TOKEN is missing)');
const port = Number(values.port);

const app = next({ dev: values.dev, hostname: values.host, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  // Node lower-cases header names: this removes every spelling of a client's own copy.
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = `${token} ${req.socket.remoteAddress ?? ''}`;
  handle(req, res).catch((error) => {
    console.error('request failed', error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// As `next start`: idle keep-alive connections are kept a little longer than a proxy's default.
server.keepAliveTimeout = 65_000;
const upgrade = app.getUpgradeHandler();
server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head));

server.listen(port, values.host, () => {
  console.log(`[绩效自评] 已在 http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${port} 上服务`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The requests in flight finish; idle keep-alive connections would keep close() waiting for nothing.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
