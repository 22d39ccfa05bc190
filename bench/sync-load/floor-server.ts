/**
 * Calibration target of the sync load benchmark ("floor"): the cheapest server a stock
 * y-websocket client will sync with. It keeps no document: it answers each client's sync
 * step 1 with an empty step 2 and relays every other message byte for byte to the other
 * sockets of the room. Its CPU per delivery is what `ws` fan-out alone costs on this machine,
 * the floor under any real server's figure.
 */
import http from 'node:http';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket } from 'ws';

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());
// [sync, step 2, length, update]; every value fits one varint byte.
const emptyStep2 = Uint8Array.from([MESSAGE_SYNC, SYNC_STEP2, emptyUpdate.length, ...emptyUpdate]);

const port = Number.parseInt(process.env.PORT ?? '1234', 10);
const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => response.end('okay'));

wss.on('connection', (ws: WebSocket, request: http.IncomingMessage) => {
  const name = request.url ?? '/';
  const room = rooms.get(name) ?? new Set<WebSocket>();
  rooms.set(name, room);
  room.add(ws);
  ws.on('message', (data: Buffer) => {
    if (data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP1) {
      ws.send(emptyStep2);
      return;
    }
    for (const peer of room) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
  });
  ws.on('close', () => {
    room.delete(ws);
    if (room.size === 0) rooms.delete(name);
  });
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'listening', port }));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
