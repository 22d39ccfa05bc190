/**
 * The reference server of the sync load benchmark: `@y/websocket-server@0.1.1` run the way its
 * own bin/server.js runs it (an http server, a `ws` server in noServer mode, `setupWSConnection`
 * per socket, documents in memory, no persistence), listening on 127.0.0.1:$PORT.
 */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const port = Number.parseInt(process.env.PORT ?? '1234', 10);
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});

wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'listening', port }));
});
// Exit normally on a signal so `--cpu-prof` can write its profile.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
