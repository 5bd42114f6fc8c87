/**
 * A private OpenLDAP server for the tests: Debian's `slapd` on a free loopback port, with a
 * throwaway configuration and tree in a temporary directory (nothing of the machine's own
 * /etc/ldap is used but its schema files). A password policy (ppolicy overlay) refuses passwords
 * shorter than 12 characters and the last 3, as a real directory would. `stop()` and `start()`
 * take it down and bring it back on the same port, for the tests of a system that is down.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../e2e/support/server';
import { listening } from './listening';

export const SLAPD = '/usr/sbin/slapd';
export const slapdInstalled = existsSync(SLAPD) && existsSync('/usr/sbin/slapadd');

export const LDAP_BASE_DN = 'dc=sesame,dc=test';
export const LDAP_SERVICE_DN = `cn=sesame,${LDAP_BASE_DN}`;
export const LDAP_PEOPLE_DN = `ou=people,${LDAP_BASE_DN}`;

export interface LdapPerson {
  uid: string;
  cn: string;
  password: string;
  /** The organisation's user ID (employeeNumber). */
  employeeNumber?: string;
  displayName?: string;
  /** As directories hold it: en, fr-CA, French… */
  preferredLanguage?: string;
  /** Locked by an administrator until unlocked (ppolicy's pwdAccountLockedTime 000001010000Z). */
  lockedForGood?: boolean;
}

export interface PrivateSlapd {
  url: string;
  serviceDn: string;
  servicePassword: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const config = (dir: string) => `
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile ${dir}/slapd.pid
database mdb
maxsize 33554432
suffix "${LDAP_BASE_DN}"
rootdn "cn=root,${LDAP_BASE_DN}"
directory ${dir}/db
access to attrs=userPassword by dn.exact="${LDAP_SERVICE_DN}" write by self read by anonymous auth by * none
access to * by dn.exact="${LDAP_SERVICE_DN}" write by * read
overlay ppolicy
ppolicy_default "cn=default,ou=policies,${LDAP_BASE_DN}"
ppolicy_hash_cleartext
`;

const entry = (lines: Record<string, string | string[]>) =>
  Object.entries(lines)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}: ${v}`))
    .join('\n');

function tree(servicePassword: string, people: LdapPerson[]): string {
  return [
    entry({ dn: LDAP_BASE_DN, objectClass: ['dcObject', 'organization'], o: 'Sesame', dc: 'sesame' }),
    entry({
      dn: LDAP_SERVICE_DN,
      objectClass: ['organizationalRole', 'simpleSecurityObject'],
      cn: 'sesame',
      userPassword: servicePassword,
    }),
    entry({ dn: `ou=policies,${LDAP_BASE_DN}`, objectClass: 'organizationalUnit', ou: 'policies' }),
    entry({
      dn: `cn=default,ou=policies,${LDAP_BASE_DN}`,
      objectClass: ['pwdPolicy', 'device'],
      cn: 'default',
      pwdAttribute: 'userPassword',
      pwdMinLength: '12',
      pwdCheckQuality: '2',
      pwdInHistory: '3',
    }),
    entry({ dn: LDAP_PEOPLE_DN, objectClass: 'organizationalUnit', ou: 'people' }),
    ...people.map((p) =>
      entry({
        dn: `uid=${p.uid},${LDAP_PEOPLE_DN}`,
        objectClass: 'inetOrgPerson',
        uid: p.uid,
        cn: p.cn,
        sn: p.cn.split(' ').at(-1) ?? p.cn,
        userPassword: p.password,
        ...(p.employeeNumber ? { employeeNumber: p.employeeNumber } : {}),
        ...(p.displayName ? { displayName: p.displayName } : {}),
        ...(p.preferredLanguage ? { preferredLanguage: p.preferredLanguage } : {}),
        ...(p.lockedForGood ? { pwdAccountLockedTime: '000001010000Z' } : {}),
      }),
    ),
  ].join('\n\n');
}

export async function startSlapd(people: LdapPerson[]): Promise<PrivateSlapd> {
  const dir = await mkdtemp(join(tmpdir(), 'sesame-slapd-'));
  const servicePassword = 'service-secret-2026';
  await mkdir(join(dir, 'db'));
  await writeFile(join(dir, 'slapd.conf'), config(dir));
  await writeFile(join(dir, 'tree.ldif'), tree(servicePassword, people));
  const added = spawnSync('/usr/sbin/slapadd', ['-f', join(dir, 'slapd.conf'), '-l', join(dir, 'tree.ldif')], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`slapadd failed: ${added.stderr}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    // -d 0 keeps slapd in the foreground, so it dies with the test and its output is ours.
    child = spawn(SLAPD, ['-f', join(dir, 'slapd.conf'), '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await listening(port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`slapd did not start on ${url}: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url,
    serviceDn: LDAP_SERVICE_DN,
    servicePassword,
    start,
    stop,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
