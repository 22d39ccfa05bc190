/**
 * A preload for tests (`node --import tsx --import ./src/cluster/moduleProbe.ts`)
 * that tells its parent, over the IPC channel, which packages the process has
 * loaded so far. It lives only in the test's command line, never in the
 * server's code, so production carries no probe and no test switch. Tests
 * import only its type: importing it installs it in the importing process.
 *
 * ESM imports are seen by a resolve hook (Node 20 has no synchronous hooks,
 * so the loader thread posts each URL back); CommonJS modules, including
 * those a CommonJS package requires, are in `require.cache`.
 */
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

/** The answer to the parent's question (the message `fieldbook:loaded-modules`). */
export interface LoadedModules {
  type: 'fieldbook:loaded-modules';
  /** Package files loaded, as `name/path` after their last node_modules (`pg/lib/index.js`). */
  files: string[];
}

const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}`;

/** A module file as `package/path` after its last node_modules, or null outside any package. */
function inPackage(file: string): string | null {
  const match = /.*\/node_modules\/(.+)$/.exec(file.replaceAll('\\', '/'));
  return match ? match[1]! : null;
}

const resolved = new Set<string>();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => resolved.add(url));
port1.unref();
register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, {
  data: { port: port2 },
  transferList: [port2],
});

const cache = createRequire(import.meta.url).cache;
const ASK_LOADED = 'fieldbook:loaded-modules';
process.on('message', (message) => {
  if (message !== ASK_LOADED) return;
  const all = [...resolved, ...Object.keys(cache)].map(inPackage);
  const files = [...new Set(all.filter((f) => f !== null))].sort();
  process.send!({ type: ASK_LOADED, files } satisfies LoadedModules);
});
process.channel?.unref();
