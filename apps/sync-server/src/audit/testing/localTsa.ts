import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const openssl = (dir: string, args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A real RFC 3161 time-stamp authority for tests: a CA and a TSA certificate
 * made with openssl in a temporary directory, and `openssl ts -reply` behind
 * an HTTP endpoint on loopback (one openssl run per request).
 */
export async function startLocalTsa(): Promise<{
  url: string;
  /** The CA certificate (PEM) the TSA's certificate chains to. */
  caFile: string;
  caPem: string;
  dir: string;
  requests: number;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'fb-tsa-'));
  writeFileSync(
    join(dir, 'tsa.cnf'),
    `[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ tsa_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
[ tsa ]
default_tsa = local
[ local ]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${dir}/tsa.crt
certs = ${dir}/ca.crt
signer_key = ${dir}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
other_policies = 1.2.3.4.5
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  writeFileSync(join(dir, 'serial'), '01\n');
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Fieldbook Test CA',
  ]);
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'tsa.key',
    '-out',
    'tsa.csr',
    '-subj',
    '/CN=Fieldbook Test TSA',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tsa.crt',
    '-days',
    '2',
    '-extfile',
    'tsa.cnf',
    '-extensions',
    'tsa_ext',
  ]);
  let n = 0;
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const id = ++n;
      try {
        writeFileSync(join(dir, `q${id}.tsq`), Buffer.concat(chunks));
        openssl(dir, [
          'ts',
          '-reply',
          '-config',
          'tsa.cnf',
          '-queryfile',
          `q${id}.tsq`,
          '-out',
          `r${id}.tsr`,
        ]);
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        res.end(readFileSync(join(dir, `r${id}.tsr`)));
      } catch (err) {
        res.writeHead(500);
        res.end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caFile: join(dir, 'ca.crt'),
    caPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    dir,
    get requests() {
      return state.requests;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
