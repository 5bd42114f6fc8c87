import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  test('the demo has its two target systems, Payroll and Email, named in both languages', () => {
    const { targets } = loadConfig({ SESAME_DEMO: '1' });
    assert.deepEqual(
      targets.map((t) => [t.id, t.name.en, t.name.fr, t.connector]),
      [
        ['payroll', 'Payroll (SAP)', 'Paie (SAP)', 'built-in'],
        ['email', 'Email (Exchange)', 'Courriel (Exchange)', 'built-in'],
      ],
    );
  });

  test('defaults are safe for one machine', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.origin, 'http://localhost:8080');
    assert.equal(config.rpId, 'localhost');
    assert.equal(config.databaseUrl, null);
    assert.equal(config.demo, false, 'production, which sets nothing, gets no demo accounts');
    assert.deepEqual(config.targets, [], 'nor the demo target systems');
    assert.equal(config.trustProxy, false);
    assert.deepEqual(config.lockout, { threshold: 5, windowMs: 900_000, lockMs: 900_000, ipThreshold: 100 });
    assert.deepEqual(config.session, { idleMs: 900_000, absoluteMs: 8 * 3_600_000, setPasswordMs: 600_000 });
    assert.equal(config.organisation.helpDeskPhone, '1-877-411-8585');
  });

  test('PORT moves the default origin with it', () => {
    assert.equal(loadConfig({ PORT: '9000' }).origin, 'http://localhost:9000');
  });

  test('the organisation texts come from the environment', () => {
    const config = loadConfig({
      SESAME_ORG_NAME_EN: 'Acme',
      SESAME_ORG_NAME_FR: 'Acmé',
      SESAME_HELPDESK_PHONE: '+1 555 0100',
      SESAME_PRIMARY_SYSTEM_EN: 'Portal',
      SESAME_PRIMARY_SYSTEM_FR: 'Portail',
    });
    assert.deepEqual(config.organisation.name, { en: 'Acme', fr: 'Acmé' });
    assert.equal(config.organisation.helpDeskPhone, '+1 555 0100');
    assert.deepEqual(config.organisation.primarySystem, { en: 'Portal', fr: 'Portail' });
  });

  test('the user-ID field: a numeric keypad and the demo employee-ID shape by default, or what the organisation says', () => {
    const demo = loadConfig({}).organisation;
    assert.equal(demo.userIdInputMode, 'numeric');
    assert.equal(demo.employeeIdPattern, '^E-?\\d{6}$');
    const own = loadConfig({ SESAME_USER_ID_INPUTMODE: 'text', SESAME_EMPLOYEE_ID_PATTERN: '^EMP\\d{5}$' }).organisation;
    assert.equal(own.userIdInputMode, 'text');
    assert.equal(own.employeeIdPattern, '^EMP\\d{5}$');
  });

  test('the notice comes from a JSON file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sesame-config-')), 'notice.json');
    writeFileSync(file, JSON.stringify({ en: 'Authorized use only.', fr: 'Usage autorisé seulement.' }));
    assert.deepEqual(loadConfig({ SESAME_NOTICE_FILE: file }).organisation.notice, {
      en: 'Authorized use only.',
      fr: 'Usage autorisé seulement.',
    });
  });

  const badValues: Array<[string, string]> = [
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/sesame'],
    ['SESAME_ORIGIN', 'localhost:8080'],
    ['SESAME_ORIGIN', 'https://sesame.example.org/path'],
    ['SESAME_ORIGIN', 'ftp://sesame.example.org'],
    ['SESAME_DEMO', 'yes please'],
    ['SESAME_HELPDESK_PHONE', 'call us'],
    ['SESAME_LOCKOUT_THRESHOLD', '0'],
    ['SESAME_SESSION_IDLE_MINUTES', '-5'],
    ['LOG_LEVEL', 'loud'],
    ['SESAME_NOTICE_FILE', '/no/such/file.json'],
    ['SESAME_PASSWORD_MIN_LENGTH', '7'],
    ['SESAME_PASSWORD_MIN_LENGTH', 'twelve'],
    ['SESAME_PASSWORD_MAX_LENGTH', '257'],
    ['SESAME_PASSWORD_REQUIRE', 'upper,emoji'],
    ['SESAME_PASSWORD_HISTORY', '25'],
    ['SESAME_USER_ID_INPUTMODE', 'telephone'],
    ['SESAME_EMPLOYEE_ID_PATTERN', '^E-(\\d{6}$'],
    ['SESAME_VAPID_SUBJECT', 'it-security@example.org'],
    ['SESAME_VAPID_SUBJECT', 'http://sesame.example.org'],
    ['SESAME_VAPID_SUBJECT', 'https://localhost'],
  ];
  for (const [name, value] of badValues) {
    test(`${name}=${JSON.stringify(value)} is refused with a message naming ${name}`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) => error instanceof ConfigError && error.variable === name && error.message.startsWith(name),
      );
    });
  }

  test('the VAPID subject: as configured, else the public https URL, else a mailto: at the host', () => {
    assert.equal(
      loadConfig({ SESAME_VAPID_SUBJECT: 'mailto:it-security@example.org' }).push.vapidSubject,
      'mailto:it-security@example.org',
    );
    assert.equal(loadConfig({ SESAME_ORIGIN: 'https://sesame.example.org' }).push.vapidSubject, 'https://sesame.example.org');
    assert.equal(loadConfig({}).push.vapidSubject, 'mailto:sesame@localhost');
  });

  test('the password policy: NIST defaults, or what the directory demands', () => {
    assert.deepEqual(loadConfig({}).password, { minLength: 12, maxLength: 128, require: [], historySize: 5 });
    assert.deepEqual(
      loadConfig({
        SESAME_PASSWORD_MIN_LENGTH: '8',
        SESAME_PASSWORD_MAX_LENGTH: '64',
        SESAME_PASSWORD_REQUIRE: ' Digit,upper, digit ',
        SESAME_PASSWORD_HISTORY: '0',
      }).password,
      { minLength: 8, maxLength: 64, require: ['upper', 'digit'], historySize: 0 },
    );
  });

  test('a password maximum below the minimum is refused, naming the maximum', () => {
    assert.throws(
      () => loadConfig({ SESAME_PASSWORD_MIN_LENGTH: '20', SESAME_PASSWORD_MAX_LENGTH: '16' }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'SESAME_PASSWORD_MAX_LENGTH',
    );
  });

  test('a bad value stops the server at start, naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /configuration error in PORT/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });
});
