/**
 * "Mobile device" across two server processes on one PostgreSQL database, as behind a load
 * balancer: the desktop waits on instance A (its event stream open there), the phone approves
 * through instance B, and A's waiting screen turns into My Profile without a reload — B's
 * approval reaches A by LISTEN/NOTIFY, and the state A reads is in the shared database.
 *
 * The two instances share the one secret key, as the README requires of every instance: the
 * audit chain and the TOTP secrets are keyed by it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import postgres from 'postgres';
import type { Browser } from 'playwright-core';
import { DEMO, EN, heading, launchBrowser, newContext, startServer, type SesameServer } from './harness';
import { openEnrolledPhone, startMobileSignIn } from './support/phone';

const ADMIN_URL = process.env.SESAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const skip = !(await reachable(ADMIN_URL)) && `no PostgreSQL at ${ADMIN_URL}`;

describe('mobile device approvals across two server processes on PostgreSQL', { skip }, () => {
  const database = `sesame_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  let a: SesameServer | undefined;
  let b: SesameServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    await admin.unsafe(`create database ${database}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const env = { DATABASE_URL: url.href, SESAME_SECRET_KEY: randomBytes(32).toString('hex') };
    // One after the other: the first migrates the database and creates the demo directory.
    a = await startServer({ env });
    b = await startServer({ env });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await b?.stop();
    await a?.stop();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end({ timeout: 5 });
  });

  test('a sign-in waiting on instance A is approved by the phone through instance B', async () => {
    assert.ok(a && b && browser);
    const phone = await openEnrolledPhone(browser, b.origin, DEMO.alex.userId);
    const desktop = await newContext(browser, a);
    desktop.setDefaultTimeout(10_000);
    try {
      const page = await desktop.newPage();
      const number = String(await startMobileSignIn(page, DEMO.alex.userId));
      await page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'no reload'));

      await phone.page.goto('/');
      await heading(phone.page, 'Approve the sign-in').waitFor();
      await phone.page.getByLabel('Number shown on the other screen', { exact: true }).fill(number);
      await phone.page.getByRole('button', { name: 'Approve', exact: true }).click();
      await phone.page.getByText('Approved. You can go back to the other screen.').waitFor();

      await heading(page, EN.profileHeading).waitFor();
      assert.equal(await page.evaluate(() => (globalThis as unknown as { marker: string }).marker), 'no reload');
      assert.equal(new URL(page.url()).origin, a.origin, 'the desktop stayed on instance A');
    } finally {
      await desktop.close();
      await phone.close();
    }
  });
});
