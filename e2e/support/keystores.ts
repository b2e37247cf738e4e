// Keystores the running portal's demo certification center issues for a
// test: `portal pki issue` on the portal's own data folder.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `cargo xtask test` passes the running portal's data folder (its demo
// keystores) and binary.
export const DATA = process.env.PORTAL_DATA_DIR ?? path.resolve(__dirname, '..', '..', 'data');
export const BIN = process.env.PORTAL_BIN;
const PUBLIC_URL = process.env.PORTAL_PUBLIC_URL ?? 'http://127.0.0.1:8080';
/** The password of every demo keystore, and of those issued here. */
export const KEY_PASSWORD = 'demo-eds-2026';

/** An authentication keystore for `iin` in a new temporary folder. */
export function issueAuthKeystore(iin: string, surname: string, givenName: string, key: 'rsa' | 'p256'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eds-'));
  const file = path.join(dir, `${iin}-auth.p12`);
  execFileSync(BIN!, [
    '--data-dir', DATA, '--public-url', PUBLIC_URL,
    'pki', 'issue', '--iin', iin, '--surname', surname, '--given-name', givenName,
    '--purpose', 'auth', '--key', key, '--password', KEY_PASSWORD, '--out', file,
  ]);
  return file;
}
