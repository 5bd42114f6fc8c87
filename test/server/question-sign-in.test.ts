import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { verifyAuditTrail } from '../../server/audit/verify-audit-trail';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { defaultQuestionCatalogue } from '../../server/methods/questions/question-catalogue';
import { createStandInQuestions } from '../../server/methods/questions/stand-in-questions';
import { enrol, goodSet } from './support/security-questions';
import { alex, createTestApp, MINUTE, sessionCookie, signIn, type TestApp } from './support/test-app';
import { createTestDatabase, dialect } from './support/test-store';

type Question = { position: number; text: { en: string; fr: string } };

/** The answer to each catalogue question of `goodSet`, by its English text. */
const answerFor = new Map(goodSet().map((row) => [defaultQuestionCatalogue.find((q) => q.id === row.questionId)!.en, row.answer]));

const employee = (userId: string, displayName: string) => ({ ...alex, userId, employeeId: `E-${userId}`, displayName });

describe('answer security questions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      employees: [
        alex,
        employee('100020', 'Never Enrolled'),
        employee('100021', 'Draw Again'),
        employee('100022', 'Lock Me'),
        employee('100023', 'Reset Me'),
        employee('100024', 'Timing Known'),
        employee('100025', 'Race Me'),
        employee('100026', 'Left Company'),
        { ...employee('100027', 'Temporary Password'), mustChangePassword: true },
        employee('100028', 'Expiry Test'),
        employee('100029', 'Warn Me'),
      ],
    });
    for (const userId of [alex.userId, '100021', '100022', '100023', '100024', '100025', '100026', '100027', '100028', '100029']) {
      // A full session to enrol with; the temporary-password employee gets one directly.
      const cookie = userId === '100027' ? await fullSession(userId) : await signIn(t, userId);
      await enrol(t, cookie);
    }
    await t.store.write((w) => w.db.update(w.t.employees).set({ disabled: true }).where(eq(w.t.employees.userId, '100026')));
  });
  after(() => t.close());

  async function fullSession(userId: string): Promise<string> {
    const found = await findEmployeeByUserId(t.store, userId);
    const started = await t.services.sessions.start({
      employeeId: found!.id,
      method: 'password',
      level: { level: 'full' },
      context: { ip: 'test', userAgent: '' },
    });
    return `__Host-sesame_session=${started.token}`;
  }

  const start = async (userId: string, headers: Record<string, string> = {}) => {
    const response = await t.send('POST', '/api/auth/questions/start', { json: { userId, purpose: 'sign-in' }, headers });
    return { status: response.status, body: await response.json() };
  };
  const questionsOf = async (userId: string): Promise<Question[]> => {
    const { status, body } = await start(userId);
    assert.equal(status, 200, JSON.stringify(body));
    return body.questions;
  };
  const answer = (
    userId: string,
    answers: Array<{ position: number; answer: string }>,
    options: { purpose?: string; headers?: Record<string, string> } = {},
  ) =>
    t.send('POST', '/api/auth/questions/answer', {
      json: { userId, purpose: options.purpose ?? 'sign-in', answers },
      headers: options.headers ?? {},
    });
  /** Right answers, typed differently from enrolment (case, accents, spaces). */
  const rightAnswers = (questions: Question[]) =>
    questions.map((q) => ({
      position: q.position,
      answer: `  ${(answerFor.get(q.text.en) ?? '')
        .toUpperCase()
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '')} `,
    }));
  const wrongAnswers = (questions: Question[]) => questions.map((q) => ({ position: q.position, answer: 'not it' }));
  const positions = (questions: Question[]) => questions.map((q) => q.position).join(',');

  test('asks 3 of the 5, in both languages, and the same 3 while the attempt is open', async () => {
    const first = await questionsOf(alex.userId);
    assert.equal(first.length, 3);
    const catalogue = new Map(defaultQuestionCatalogue.map((q) => [q.en, q.fr]));
    for (const q of first) {
      assert.ok(q.position >= 1 && q.position <= 5);
      assert.equal(catalogue.get(q.text.en), q.text.fr);
      assert.ok(answerFor.has(q.text.en));
    }
    assert.equal(new Set(first.map((q) => q.position)).size, 3);
    t.clock.advance(10 * MINUTE);
    assert.deepEqual(await questionsOf(alex.userId), first);
    assert.deepEqual(await questionsOf(' １００００１ '), first, 'the user ID is normalised as for passwords');
  });

  test('all three right (however typed) opens a full session, like a password', async () => {
    const questions = await questionsOf(alex.userId);
    const response = await answer(alex.userId, rightAnswers(questions));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'full' } });
    const cookie = sessionCookie(response);
    const profile = await (await t.send('GET', '/api/profile', { cookie })).json();
    assert.equal(profile.currentSignIn.method, 'questions');
    const events = await t.store.db.select().from(t.store.t.auditEvents).where(eq(t.store.t.auditEvents.subjectUserId, alex.userId));
    assert.deepEqual(
      events.map((e) => [e.type, e.outcome]),
      [],
      'typed user IDs are only kept for failures',
    );
    const found = await findEmployeeByUserId(t.store, alex.userId);
    const mine = await t.store.db.select().from(t.store.t.auditEvents).where(eq(t.store.t.auditEvents.subjectId, found!.id));
    const success = mine.filter((e) => e.type === 'sign_in' && e.method === 'questions');
    assert.deepEqual(
      success.map((e) => [e.outcome, e.details.purpose, e.details.level]),
      [['success', 'sign-in', 'full']],
    );
  });

  test('two right and one wrong is wrong; the attempt closes and the next one draws again', async () => {
    const draws: string[] = [];
    // Up to 12 attempts (a success every third clears the count, so nothing locks): a new draw
    // each time, so 3-of-5 comes out the same every time with probability 1e-11.
    for (let i = 0; i < 12; i++) {
      const questions = await questionsOf('100021');
      draws.push(positions(questions));
      if (i % 3 === 2) {
        assert.equal((await answer('100021', rightAnswers(questions))).status, 200);
        continue;
      }
      const answers = rightAnswers(questions);
      answers[i % 3] = { position: answers[i % 3]!.position, answer: 'wrong' };
      const response = await answer('100021', answers);
      assert.equal(response.status, 401);
      assert.equal((await response.json()).error, 'wrong_answers');
      const open = await t.store.db.select().from(t.store.t.questionChallenges).where(eq(t.store.t.questionChallenges.userId, '100021'));
      assert.deepEqual(open, [], 'the failed attempt is closed');
    }
    assert.ok(new Set(draws).size > 1, `draws: ${draws.join(' | ')}`);
  });

  test('answers to questions that were not asked, or to no open attempt, are wrong', async () => {
    const questions = await questionsOf('100021');
    const other = [1, 2, 3, 4, 5].filter((p) => !questions.some((q) => q.position === p));
    const notAsked = [...rightAnswers(questions).slice(0, 2), { position: other[0]!, answer: 'whatever' }];
    assert.equal((await answer('100021', notAsked)).status, 401);
    // That attempt is closed: even the right answers to it are now answers to nothing.
    assert.equal((await answer('100021', rightAnswers(questions))).status, 401);
    const fresh = await questionsOf('100021');
    assert.equal((await answer('100021', rightAnswers(fresh))).status, 200);
  });

  test('an attempt expires after 15 minutes: its answers no longer count, and a new one draws again', async () => {
    const questions = await questionsOf('100028');
    t.clock.advance(15 * MINUTE + 1000);
    assert.equal((await answer('100028', rightAnswers(questions))).status, 401);
    const fresh = await questionsOf('100028');
    assert.equal((await answer('100028', rightAnswers(fresh))).status, 200);
  });

  test('an attempt is answered once: two right answers sent together open one session', async () => {
    const questions = await questionsOf('100025');
    const results = await Promise.all([answer('100025', rightAnswers(questions)), answer('100025', rightAnswers(questions))]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
  });

  test('5 wrong attempts in 15 minutes lock the method for 15 minutes, even for the right answers', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const questions = await questionsOf('100022');
      const response = await answer('100022', wrongAnswers(questions));
      codes.push((await response.json()).error);
      if (i === 4) {
        assert.equal(response.status, 429);
        assert.equal(response.headers.get('retry-after'), '900');
      }
    }
    assert.deepEqual(codes, ['wrong_answers', 'wrong_answers', 'wrong_answers', 'wrong_answers', 'locked']);

    const atStart = await start('100022', { 'accept-language': 'fr' });
    assert.equal(atStart.status, 429, 'the lock shows before the questions are answered');
    assert.equal(atStart.body.error, 'locked');
    assert.match(atStart.body.message, /verrouillée pendant 15 minutes/);

    // Questions drawn before the lock, answered right, are refused too.
    const right = await answer('100022', rightAnswers(await questionsOfAnyway('100022')));
    assert.equal(right.status, 429);
    const body = await right.json();
    assert.equal(body.error, 'locked');
    assert.match(body.message, /locked for 15 minutes/);
    assert.match(body.message, /1-877-411-8585/);

    // The password is another method, with its own count.
    assert.equal((await t.send('POST', '/api/auth/password', { json: { userId: '100022', password: alex.password } })).status, 200);

    const events = await t.store.db
      .select()
      .from(t.store.t.auditEvents)
      .where(eq(t.store.t.auditEvents.subjectUserId, '100022'))
      .orderBy(t.store.t.auditEvents.seq);
    const failures = events.filter((e) => e.method === 'questions').map((e) => [e.type, e.outcome]);
    assert.deepEqual(failures.slice(0, 6), [
      ['sign_in', 'failure'],
      ['sign_in', 'failure'],
      ['sign_in', 'failure'],
      ['sign_in', 'failure'],
      ['sign_in', 'locked'],
      ['lockout', 'locked'],
    ]);
    const found = await findEmployeeByUserId(t.store, '100022');
    assert.ok(
      events.every((e) => e.subjectId === found!.id),
      "the attempts show in the employee's activity",
    );

    t.clock.advance(15 * MINUTE + 1000);
    const after = await questionsOf('100022');
    assert.equal((await answer('100022', rightAnswers(after))).status, 200);
  });

  /** The questions of the open attempt, read from the database (start refuses while locked). */
  async function questionsOfAnyway(userId: string): Promise<Question[]> {
    const [row] = await t.store.db.select().from(t.store.t.questionChallenges).where(eq(t.store.t.questionChallenges.userId, userId));
    const set = goodSet();
    return (row?.positions ?? [1, 2, 3]).map((position) => {
      const q = defaultQuestionCatalogue.find((item) => item.id === set[position - 1]!.questionId)!;
      return { position, text: { en: q.en, fr: q.fr } };
    });
  }

  test('purpose "reset" opens a session limited to setting a new password, for 10 minutes', async () => {
    const questions = await questionsOf('100023');
    const response = await answer('100023', rightAnswers(questions), { purpose: 'reset' });
    assert.equal(response.status, 200);
    const until = new Date(t.clock.now().getTime() + 10 * MINUTE).toISOString();
    assert.deepEqual(await response.json(), { access: { level: 'set-password', reason: 'reset', until } });
    const cookie = sessionCookie(response);
    assert.equal((await t.send('GET', '/api/profile', { cookie })).status, 403);
    const session = await (await t.send('GET', '/api/auth/session', { cookie })).json();
    assert.equal(session.access.level, 'set-password');
    const resets = (await t.store.db.select().from(t.store.t.auditEvents)).filter(
      (e) => e.method === 'questions' && e.outcome === 'success' && e.details.purpose === 'reset',
    );
    assert.equal(resets.length, 1);
  });

  test('a temporary password is still to be changed after signing in with questions', async () => {
    const questions = await questionsOf('100027');
    const response = await answer('100027', rightAnswers(questions));
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.access.level, 'set-password');
    assert.equal(body.access.reason, 'temporary');
  });

  test('an unknown user ID, and one that never enrolled, get the same 3 questions twice in a row', async () => {
    for (const userId of ['555000', '100020']) {
      const first = await questionsOf(userId);
      const second = await questionsOf(userId);
      assert.equal(first.length, 3);
      assert.deepEqual(second, first);
      const catalogue = new Map(defaultQuestionCatalogue.map((q) => [q.en, q.fr]));
      for (const q of first) assert.equal(catalogue.get(q.text.en), q.text.fr, 'plausible: from the catalogue');
    }
  });

  test('their questions come from a stable set of 5, drawn again after each failure like a real one', async () => {
    const seen = new Set<string>();
    const draws = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const questions = await questionsOf('555001');
      questions.forEach((q) => seen.add(`${q.position}:${q.text.en}`));
      draws.add(positions(questions));
      assert.equal((await answer('555001', wrongAnswers(questions))).status, 401);
    }
    t.clock.advance(16 * MINUTE);
    for (let i = 0; i < 4; i++) {
      const questions = await questionsOf('555001');
      questions.forEach((q) => seen.add(`${q.position}:${q.text.en}`));
      draws.add(positions(questions));
      assert.equal((await answer('555001', wrongAnswers(questions))).status, 401);
    }
    assert.ok(seen.size <= 5, `a position always holds the same question, 5 at most: ${[...seen].join(' | ')}`);
    assert.ok(draws.size > 1, 'the draw changes after a failure (probability of a false alarm: 1e-7)');
  });

  test('wrong answers, unknown and never-enrolled IDs and disabled accounts get identical errors', async () => {
    const bodies: unknown[] = [];
    for (const [userId, right] of [
      [alex.userId, false],
      ['555004', false],
      ['100020', false],
      ['100026', true],
    ] as const) {
      const questions = await questionsOf(userId);
      const response = await answer(userId, right ? rightAnswers(questions) : wrongAnswers(questions));
      assert.equal(response.status, 401, userId);
      assert.equal(response.headers.get('set-cookie'), null);
      bodies.push(await response.json());
    }
    for (const body of bodies) assert.deepEqual(body, { error: 'wrong_answers', message: 'One or more answers are incorrect.' });
    const french = await answer('555004', wrongAnswers(await questionsOf('555004')), { headers: { 'accept-language': 'fr-CA' } });
    assert.deepEqual(await french.json(), { error: 'wrong_answers', message: 'Une ou plusieurs réponses sont incorrectes.' });
  });

  test('the last 2 tries before the lock are announced, identically for an enrolled and an unknown user ID', async () => {
    const bodiesOf = async (userId: string, headers: Record<string, string> = {}) => {
      const bodies: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await answer(userId, wrongAnswers(await questionsOf(userId)), { headers });
        assert.equal(response.status, 401);
        bodies.push(await response.json());
      }
      return bodies;
    };
    const known = await bodiesOf('100029');
    assert.deepEqual(await bodiesOf('555006'), known);
    assert.deepEqual(known.slice(2), [
      {
        error: 'wrong_answers',
        message: 'One or more answers are incorrect. 2 attempts left before this method is locked for 15 minutes.',
        attemptsLeft: 2,
        lockMinutes: 15,
      },
      {
        error: 'wrong_answers',
        message: 'One or more answers are incorrect. 1 attempt left before this method is locked for 15 minutes.',
        attemptsLeft: 1,
        lockMinutes: 15,
      },
    ]);
    const fr = { 'accept-language': 'fr' };
    const french = await bodiesOf('555007', fr);
    assert.deepEqual(await bodiesOf('555008', fr), french);
    assert.equal(
      (french[3] as { message: string }).message,
      'Une ou plusieurs réponses sont incorrectes. Il vous reste 1 tentative avant que cette méthode soit verrouillée pendant 15 minutes.',
    );
  });

  test('an unknown user ID locks exactly like a real one', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { status, body } = await start('555005');
      const questions: Question[] =
        status === 200
          ? body.questions
          : [
              { position: 1, text: { en: '', fr: '' } },
              { position: 2, text: { en: '', fr: '' } },
              { position: 3, text: { en: '', fr: '' } },
            ];
      codes.push((await (await answer('555005', wrongAnswers(questions))).json()).error);
    }
    assert.deepEqual(codes, ['wrong_answers', 'wrong_answers', 'wrong_answers', 'wrong_answers', 'locked', 'locked']);
  });

  test('an unknown user ID takes about as long as a wrong answer (no timing oracle)', async () => {
    const time = async (userId: string) => {
      const started = performance.now();
      const questions = await questionsOf(userId);
      await answer(userId, wrongAnswers(questions));
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved so that machine load affects both alike; 4 failures each, so none locks.
    for (let i = 0; i < 4; i++) {
      known.push(await time('100024'));
      unknown.push(await time(`77710${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const ratio = median(unknown) / median(known);
    assert.ok(ratio > 0.5 && ratio < 2, `unknown/known median time ratio ${ratio.toFixed(2)}`);
  });

  test('a new enrolment closes the open attempt (its positions now hold other questions)', async () => {
    const cookie = await signIn(t);
    await questionsOf(alex.userId);
    await enrol(t, cookie);
    const open = await t.store.db.select().from(t.store.t.questionChallenges).where(eq(t.store.t.questionChallenges.userId, alex.userId));
    assert.deepEqual(open, []);
  });

  test('expired attempts are purged', async () => {
    await questionsOf('555006');
    t.clock.advance(16 * MINUTE);
    assert.ok((await t.services.questionSignIn.purgeExpired()) >= 1);
    const open = await t.store.db.select().from(t.store.t.questionChallenges).where(eq(t.store.t.questionChallenges.userId, '555006'));
    assert.deepEqual(open, []);
  });

  test('the audit chain verifies after all of it', async () => {
    const report = await verifyAuditTrail(t.store);
    assert.equal(report.ok, true, JSON.stringify(report));
  });
});

describe('stand-in questions', () => {
  test('every instance gives a user ID the same 5: the key is shared through the database', async () => {
    const database = await createTestDatabase();
    try {
      const [first, second] = [await database.open(), await database.open()];
      const now = () => new Date();
      const a = createStandInQuestions(first, defaultQuestionCatalogue, now);
      const b = createStandInQuestions(second, defaultQuestionCatalogue, now);
      // Both instances create the key at once: one insert wins, both read it.
      const [fromA, fromB] = await Promise.all([a.forUserId('424242'), b.forUserId('424242')]);
      assert.equal(fromA.length, 5);
      assert.equal(new Set(fromA.map((q) => q.id)).size, 5);
      assert.deepEqual(fromB, fromA);
      assert.deepEqual(await a.forUserId('424242'), fromA, 'stable');
      const secrets = await first.db.select().from(first.t.serverSecrets);
      assert.equal(secrets.length, 1);
      // Different user IDs get different sets (15 choose 5 = 3003: a collision among 20 is unlikely
      // but possible, so only most must differ).
      const sets = await Promise.all(Array.from({ length: 20 }, (_, i) => a.forUserId(`4300${i}`)));
      assert.ok(
        new Set(
          sets.map((s) =>
            s
              .map((q) => q.id)
              .sort()
              .join(),
          ),
        ).size >= 15,
      );
      // Adding a question to the catalogue changes a user ID's set only where the new one ranks in.
      const grown = createStandInQuestions(first, [...defaultQuestionCatalogue, { id: 'zz-new', en: 'New?', fr: 'Nouvelle?' }], now);
      const after = await grown.forUserId('424242');
      assert.ok(after.filter((q) => fromA.some((p) => p.id === q.id)).length >= 4);
    } finally {
      await database.drop();
    }
  });
});

describe('stand-in questions on PostgreSQL instances', { skip: dialect !== 'postgres' && 'several instances need PostgreSQL' }, () => {
  test('two instances serve the same open attempt', async () => {
    const database = await createTestDatabase();
    const first = await createTestApp({ database });
    const second = await createTestApp({ database, employees: [] });
    try {
      const ask = (app: TestApp) =>
        app.send('POST', '/api/auth/questions/start', { json: { userId: '565656', purpose: 'reset' } }).then((r) => r.json());
      const [a, b] = await Promise.all([ask(first), ask(second)]);
      assert.deepEqual(a, b);
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});
