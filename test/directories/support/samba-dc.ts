/**
 * A private Samba Active Directory domain controller for the tests: Debian's `samba`,
 * provisioned into a temporary directory (realm SESAME.TEST, no DNS, loopback only), serving
 * LDAP and LDAPS on 127.0.0.1:389/636 — ports Samba does not let us choose, so only one test file
 * may run one at a time. Simple binds need LDAPS, as on a real domain; the certificate is Samba's
 * self-signed one, issued to the machine's name in the realm.
 *
 * Users are created over LDAPS as an administrator (`samba-tool user create` over LDAP would need
 * Kerberos): the entry, then its `unicodePwd`, then `userAccountControl: 512` to enable it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { unicodePwd } from '../../../server/connectors/ldap-access';
import { listening } from './listening';

export const sambaInstalled = existsSync('/usr/sbin/samba') && existsSync('/usr/bin/samba-tool');

export const AD_BASE_DN = 'DC=sesame,DC=test';
export const AD_USERS_DN = `CN=Users,${AD_BASE_DN}`;
export const AD_ADMIN_DN = `CN=Administrator,${AD_USERS_DN}`;
const ADMIN_PASSWORD = 'Admin-Secret-2026!';

export interface AdUser {
  sAMAccountName: string;
  displayName: string;
  password: string;
  employeeNumber?: string;
  /** As directories hold it: en, fr-CA… */
  preferredLanguage?: string;
  /** Created disabled (userAccountControl 514). */
  disabled?: boolean;
}

export interface PrivateSambaDc {
  url: string;
  adminDn: string;
  adminPassword: string;
  /** The CA file and the name on the certificate, for a verified TLS connection to 127.0.0.1. */
  caFile: string;
  serverName: string;
  close(): Promise<void>;
}

async function addUsers(dc: Omit<PrivateSambaDc, 'close'>, users: AdUser[]): Promise<void> {
  const client = new Client({ url: dc.url, tlsOptions: { ca: [readFileSync(dc.caFile)], servername: dc.serverName } });
  try {
    await client.bind(dc.adminDn, dc.adminPassword);
    for (const user of users) {
      const dn = `CN=${user.displayName},${AD_USERS_DN}`;
      await client.add(dn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'user'],
        sAMAccountName: user.sAMAccountName,
        userPrincipalName: `${user.sAMAccountName}@sesame.test`,
        displayName: user.displayName,
        ...(user.employeeNumber ? { employeeNumber: user.employeeNumber } : {}),
        ...(user.preferredLanguage ? { preferredLanguage: user.preferredLanguage } : {}),
      });
      await client.modify(
        dn,
        new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(user.password)] }) }),
      );
      await client.modify(
        dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'userAccountControl', values: [user.disabled ? '514' : '512'] }),
        }),
      );
    }
  } finally {
    await client.unbind();
  }
}

export interface SambaDcOptions {
  /**
   * The domain's minimum password age in days (Samba's default: 1). An employee's own change
   * right after an administrator set the password is refused as too recent unless it is 0.
   */
  minPwdAgeDays?: number;
  /** The domain's minimum password length (Samba's default: 7). */
  minPwdLength?: number;
  /** How long the previous password still signs in after a change (Samba's default: 60 minutes). */
  oldPasswordAllowedMinutes?: number;
}

export async function startSambaDc(users: AdUser[], options: SambaDcOptions = {}): Promise<PrivateSambaDc> {
  const dir = await mkdtemp(join(tmpdir(), 'sesame-samba-'));
  const provisioned = spawnSync(
    'samba-tool',
    [
      'domain',
      'provision',
      '--realm=SESAME.TEST',
      '--domain=SESAME',
      '--server-role=dc',
      '--dns-backend=NONE',
      `--adminpass=${ADMIN_PASSWORD}`,
      '--use-rfc2307',
      // A fixed name, whatever the machine is called (NetBIOS names stop at 15 characters).
      '--host-name=dc',
      '--option=netbios name=DC',
      `--targetdir=${dir}`,
      '--option=interfaces=lo',
      '--option=bind interfaces only=yes',
      // Everything in the temporary directory: a machine's own Samba, if any, is left alone.
      `--option=pid directory=${dir}/run`,
      `--option=log file=${dir}/log.%m`,
    ],
    { encoding: 'utf8' },
  );
  if (provisioned.status !== 0) throw new Error(`samba-tool domain provision failed: ${provisioned.stderr}`);
  const settings = [
    ...(options.minPwdAgeDays !== undefined ? [`--min-pwd-age=${options.minPwdAgeDays}`] : []),
    ...(options.minPwdLength !== undefined ? [`--min-pwd-length=${options.minPwdLength}`] : []),
  ];
  if (settings.length > 0) {
    // On the provisioned database itself, before Samba serves it.
    const set = spawnSync('samba-tool', ['domain', 'passwordsettings', 'set', ...settings, '-H', join(dir, 'private', 'sam.ldb')], {
      encoding: 'utf8',
    });
    if (set.status !== 0) throw new Error(`samba-tool domain passwordsettings set failed: ${set.stderr}`);
  }

  // Its own process group, so that stopping it stops the worker processes Samba forks too.
  const serve = [
    '-i',
    '-s',
    join(dir, 'etc', 'smb.conf'),
    '--option=server services=ldap',
    ...(options.oldPasswordAllowedMinutes !== undefined
      ? [`--option=old password allowed period=${options.oldPasswordAllowedMinutes}`]
      : []),
  ];
  const child: ChildProcess = spawn('samba', serve, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  try {
    const deadline = Date.now() + 60_000;
    // Samba writes its self-signed certificate when it starts serving LDAPS.
    while (!(await listening(636)) || !existsSync(join(dir, 'private', 'tls', 'ca.pem'))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`samba did not serve LDAPS on 127.0.0.1:636: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const dc = {
      url: 'ldaps://127.0.0.1:636',
      adminDn: AD_ADMIN_DN,
      adminPassword: ADMIN_PASSWORD,
      caFile: join(dir, 'private', 'tls', 'ca.pem'),
      serverName: 'DC.sesame.test',
    };
    await addUsers(dc, users);
    return {
      ...dc,
      async close() {
        await stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
