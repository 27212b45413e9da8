/**
 * A real OCSP responder on 127.0.0.1: OpenSSL's own (`openssl ocsp -port`), answering from an
 * index of the certificates `issuer` issued, signing with the issuer's key. Its answers are what
 * a CA's responder sends, so the request the step builds is judged by an independent
 * implementation, not by the code under test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, type LoopbackServer } from './loopback-servers';
import { privateKeyPem, type TestCertificate } from './test-pki';

/** A certificate the issuer issued, as the CA's database knows it. */
export interface IndexEntry {
  /** Hex, as given to makeServer's `serialNumber`. */
  serialNumber: string;
  /** e.g. CN=web.contoso.test */
  subject: string;
  status: 'good' | 'revoked';
}

/** OpenSSL's index time: YYMMDDHHMMSSZ. */
const indexTime = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;

function indexLine({ serialNumber, subject, status }: IndexEntry): string {
  const expiry = indexTime(new Date(Date.now() + 365 * 24 * 60 * 60 * 1000));
  const revoked = status === 'revoked' ? indexTime(new Date(Date.now() - 60_000)) : '';
  const serial = serialNumber
    .toUpperCase()
    .padStart(serialNumber.length + (serialNumber.length % 2), '0');
  return [status === 'revoked' ? 'R' : 'V', expiry, revoked, serial, 'unknown', `/${subject}`].join(
    '\t',
  );
}

/**
 * Resolves once OpenSSL says it is waiting for connections. Not by connecting: its one-at-a-time
 * test server stays stuck on a connection that sends no request.
 */
function ready(child: ChildProcess, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(
      () => reject(new Error(`the OCSP responder did not start: ${said}`)),
      deadline - Date.now(),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (/waiting for OCSP client connections/i.test(said)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OCSP responder exited (${code}): ${said}`));
    });
  });
}

/**
 * `signer`: who signs the answers (and is sent with them); the issuer itself by default, else a
 * delegated responder certificate, or any other certificate to make answers the client refuses.
 */
export async function startOcspResponder(
  issuer: TestCertificate,
  entries: IndexEntry[],
  signer: TestCertificate = issuer,
): Promise<LoopbackServer & { url: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sfb-ocsp-'));
  const files = {
    index: join(dir, 'index.txt'),
    ca: join(dir, 'ca.pem'),
    signer: join(dir, 'signer.pem'),
    signerKey: join(dir, 'signer.key'),
  };
  await writeFile(files.index, `${entries.map(indexLine).join('\n')}\n`);
  await writeFile(files.ca, issuer.pem);
  await writeFile(files.signer, signer.pem);
  await writeFile(files.signerKey, await privateKeyPem(signer.keys));
  const port = await closedPort();
  const child: ChildProcess = spawn(
    'openssl',
    [
      'ocsp',
      '-index',
      files.index,
      '-port',
      String(port),
      '-CA',
      files.ca,
      '-rsigner',
      files.signer,
      '-rkey',
      files.signerKey,
      '-nmin',
      '5',
      '-ignore_err',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await ready(child, Date.now() + 5000);
  } catch (error) {
    child.kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
