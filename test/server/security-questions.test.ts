import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { normaliseAnswer } from '../../shared/answer-normalisation';
import { verifyAuditTrail } from '../../server/audit/verify-audit-trail';
import { verifySecret } from '../../server/crypto/argon2';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { goodSet as alexSet } from './support/security-questions';
import { alex, createTestApp, sessionCookie, signIn, startSession, type TestApp } from './support/test-app';

describe('security questions: enrolment', () => {
  let t: TestApp;
  let cookie: string;
  before(async () => {
    t = await createTestApp({
      employees: [alex, { ...alex, userId: '100010', employeeId: 'E-200010', displayName: 'Enrol Me' }],
    });
    cookie = await signIn(t);
  });
  after(() => t.close());

  const put = (questions: unknown, options: { cookie?: string; language?: string } = {}) =>
    t.send('PUT', '/api/profile/security-questions', {
      json: { questions },
      cookie: options.cookie ?? cookie,
      headers: options.language ? { 'accept-language': options.language } : {},
    });
  const get = (c = cookie) => t.send('GET', '/api/profile/security-questions', { cookie: c });
  const rowsOf = async (userId = alex.userId) => {
    const employee = await findEmployeeByUserId(t.store, userId);
    return t.store.db.select().from(t.store.t.securityAnswers).where(eq(t.store.t.securityAnswers.employeeId, employee!.id));
  };

  test('the catalogue: at least 12 questions, each in English and French, and the minimum answer length', async () => {
    const response = await t.send('GET', '/api/questions/catalogue');
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.ok(body.questions.length >= 12);
    for (const q of body.questions) {
      assert.match(q.id, /^[a-z0-9-]+$/);
      assert.ok(q.text.en.endsWith('?') && q.text.fr.endsWith('?'), JSON.stringify(q));
      assert.notEqual(q.text.en, q.text.fr);
    }
    assert.equal(new Set(body.questions.map((q: { id: string }) => q.id)).size, body.questions.length);
    assert.equal(body.answerMinLength, 3);
  });

  test('before any enrolment there is nothing to show', async () => {
    assert.deepEqual(await (await get()).json(), { enrolledAt: null, questions: [] });
  });

  test('enrolling 5 questions: saved as argon2id hashes of the normalised answers, never returned', async () => {
    const response = await put(alexSet());
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), { access: { level: 'full' } });
    assert.equal(response.headers.get('set-cookie'), null, 'a full session keeps its cookie');

    const shown = await get();
    const body = await shown.json();
    assert.equal(body.enrolledAt, t.clock.now().toISOString());
    assert.deepEqual(
      body.questions,
      alexSet().map((q, i) => ({ position: i + 1, questionId: q.questionId })),
    );

    const rows = await rowsOf();
    assert.equal(rows.length, 5);
    for (const [i, row] of rows.sort((a, b) => a.position - b.position).entries()) {
      assert.match(row.answerHash, /^\$argon2id\$/);
      assert.equal(await verifySecret(row.answerHash, normaliseAnswer(alexSet()[i]!.answer)), true);
      assert.equal(await verifySecret(row.answerHash, alexSet()[i]!.answer), false, 'the hash is of the normalised form');
    }
    assert.equal(await verifySecret(rows[0]!.answerHash, 'montreal'), true, '"Montréal " = "montreal"');
  });

  test('what is shown never holds an answer or a hash', async () => {
    const text = await (await get()).text();
    for (const secret of ['argon2', 'Montr', 'montreal', 'Rimouski', 'rimouski', 'Civic', 'hash', 'answer']) {
      assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${secret} in ${text}`);
    }
  });

  test('saving replaces the whole set', async () => {
    const next = [
      { questionId: 'first-team', answer: 'Les Aigles' },
      { questionId: 'dream-job', answer: 'Astronaute' },
      { customQuestion: '  Où ai-je perdu ma première dent?  ', language: 'fr', answer: 'Gaspé' },
      { questionId: 'first-album', answer: 'Thriller' },
      { customQuestion: 'Which colour was my first bike?', answer: 'Turquoise' },
    ];
    t.clock.advance(60_000);
    assert.equal((await put(next, { language: 'en' })).status, 200);
    const body = await (await get()).json();
    assert.equal(body.enrolledAt, t.clock.now().toISOString());
    assert.deepEqual(body.questions, [
      { position: 1, questionId: 'first-team' },
      { position: 2, questionId: 'dream-job' },
      { position: 3, customQuestion: { text: 'Où ai-je perdu ma première dent?', language: 'fr' } },
      { position: 4, questionId: 'first-album' },
      { position: 5, customQuestion: { text: 'Which colour was my first bike?', language: 'en' } },
    ]);
    const rows = await rowsOf();
    assert.equal(rows.length, 5);
    assert.ok(rows.every((row) => row.createdAt.getTime() === t.clock.now().getTime()));
    // Back to the first set for the tests that follow.
    assert.equal((await put(alexSet())).status, 200);
  });

  test('each enrolment is in the audit trail, without a secret, and the chain verifies', async () => {
    const events = await t.store.db.select().from(t.store.t.auditEvents).where(eq(t.store.t.auditEvents.type, 'questions_enrolled'));
    assert.equal(events.length, 3);
    const employee = await findEmployeeByUserId(t.store, alex.userId);
    for (const event of events) {
      assert.equal(event.outcome, 'success');
      assert.equal(event.actorId, employee!.id);
      assert.equal(event.subjectId, employee!.id);
      assert.equal(event.method, 'questions');
      assert.equal(event.details.questions, 5);
    }
    assert.deepEqual(
      events.map((e) => [e.details.custom, e.details.replaced]),
      [
        [0, false],
        [2, true],
        [0, true],
      ],
    );
    assert.doesNotMatch(JSON.stringify(events), /argon2|Rimouski|Montr|Turquoise|Gasp/i);
    assert.deepEqual(await verifyAuditTrail(t.store), { ok: true, events: (await t.store.db.select().from(t.store.t.auditEvents)).length });
    const activity = await (await t.send('GET', '/api/profile/activity', { cookie })).json();
    assert.equal(activity.events[0].type, 'questions_enrolled');
  });

  const refused = async (questions: unknown[], language = 'en') => {
    const before = await rowsOf();
    const response = await put(questions, { language });
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error, 'invalid_answers');
    assert.deepEqual(await rowsOf(), before, 'a refused set changes nothing');
    return body as { message: string; problems: Array<{ index: number; rule: string }> };
  };
  const withRow = (index: number, row: Record<string, unknown>) => {
    const rows: Array<Record<string, unknown>> = alexSet();
    rows[index] = row;
    return rows;
  };

  const ruleCases: Array<[string, unknown[], number, string, RegExp, RegExp]> = [
    [
      'answer_too_short',
      withRow(0, { questionId: 'first-pet', answer: 'Jo' }),
      0,
      'answer_too_short',
      /Question 1: The answer must have at least 3 letters or digits\./,
      /Question 1\u00a0: La réponse doit compter au moins 3 lettres ou chiffres\./,
    ],
    [
      'answer_missing',
      withRow(1, { questionId: 'elementary-school', answer: '  ' }),
      1,
      'answer_missing',
      /Question 2: Enter an answer\./,
      /Question 2\u00a0: Entrez une réponse\./,
    ],
    [
      'answer_too_long',
      withRow(2, { questionId: 'parents-met', answer: 'x'.repeat(101) }),
      2,
      'answer_too_long',
      /at most 100 characters/,
      /au plus 100 caractères/,
    ],
    [
      'answer_repeated',
      withRow(4, { questionId: 'first-car', answer: 'RIMOUSKI' }),
      4,
      'answer_repeated',
      /same as another one/,
      /identique à une autre/,
    ],
    [
      'answer_contains_user_id',
      withRow(0, { questionId: 'first-pet', answer: 'Rex 100001' }),
      0,
      'answer_contains_user_id',
      /your user ID/,
      /code d'utilisateur/,
    ],
    [
      'answer_contains_name',
      withRow(0, { questionId: 'first-pet', answer: 'Tremblay' }),
      0,
      'answer_contains_name',
      /your name/,
      /votre nom/,
    ],
    [
      'answer_contains_question',
      withRow(0, { questionId: 'first-pet', answer: 'mon animal Rex' }),
      0,
      'answer_contains_question',
      /words of the question/,
      /mots de la question/,
    ],
    [
      'question_repeated',
      withRow(3, { questionId: 'first-pet', answer: 'Milou' }),
      3,
      'question_repeated',
      /already chosen/,
      /déjà choisie/,
    ],
    [
      'question_unknown',
      withRow(3, { questionId: 'no-such-question', answer: 'Milou' }),
      3,
      'question_unknown',
      /not in the list/,
      /ne fait pas partie de la liste/,
    ],
    ['question_missing', withRow(3, { customQuestion: ' ', answer: 'Milou' }), 3, 'question_missing', /write your own/, /rédigez la vôtre/],
    [
      'question_too_long',
      withRow(3, { customQuestion: 'q'.repeat(151), answer: 'Milou' }),
      3,
      'question_too_long',
      /at most 150 characters/,
      /au plus 150 caractères/,
    ],
  ];
  for (const [name, questions, index, rule, english, french] of ruleCases) {
    test(`${name}: refused with the row, the rule and a message in the caller's language`, async () => {
      const en = await refused(questions, 'en');
      assert.deepEqual(en.problems, [{ index, rule }]);
      assert.match(en.message, /^Your security questions were not saved/);
      assert.match(en.message, english);
      const fr = await refused(questions, 'fr-CA');
      assert.deepEqual(fr.problems, [{ index, rule }]);
      assert.match(fr.message, /^Vos questions de sécurité n'ont pas été enregistrées/);
      assert.match(fr.message, french);
    });
  }

  test('SESAME_ANSWER_MIN_LENGTH changes the minimum, here and in the catalogue', async () => {
    const strict = await createTestApp({ env: { SESAME_ANSWER_MIN_LENGTH: '6' } });
    try {
      const c = await signIn(strict);
      assert.equal((await (await strict.send('GET', '/api/questions/catalogue')).json()).answerMinLength, 6);
      const questions = withRow(0, { questionId: 'first-pet', answer: 'Milou' });
      const response = await strict.send('PUT', '/api/profile/security-questions', { cookie: c, json: { questions } });
      const body = await response.json();
      assert.equal(response.status, 400);
      assert.deepEqual(body.problems, [{ index: 0, rule: 'answer_too_short' }]);
      assert.match(body.message, /at least 6 letters or digits/);
      assert.equal((await put(questions)).status, 200, 'with the default of 3, the same set is fine');
      assert.equal((await put(alexSet())).status, 200);
    } finally {
      await strict.close();
    }
  });

  test('wrong shapes and over-long input are refused with a 4xx and a message, never a 500', async () => {
    const bad: unknown[] = [
      alexSet().slice(0, 4),
      [...alexSet(), { questionId: 'first-team', answer: 'Six' }],
      withRow(0, { questionId: 'first-pet', customQuestion: 'Both?', answer: 'Rex' }),
      withRow(0, { questionId: 'first-pet', answer: 'Rex', extra: true }),
      withRow(0, { questionId: 'first-pet' }),
      withRow(0, { questionId: 7, answer: 'Rex' }),
      withRow(0, { questionId: 'first-pet', answer: ['Rex'] }),
      withRow(0, { customQuestion: 'Mine?', language: 'de', answer: 'Rex' }),
      withRow(0, { questionId: 'first-pet', answer: '\ud800Rex' }),
      withRow(0, { questionId: 'first-pet', answer: 'x'.repeat(1001) }),
      withRow(0, { customQuestion: 'y'.repeat(1001), answer: 'Rex' }),
      withRow(0, { questionId: 'q'.repeat(65), answer: 'Rex' }),
    ];
    for (const questions of bad) {
      const response = await put(questions, { language: 'fr' });
      assert.ok(response.status === 400, `${JSON.stringify(questions).slice(0, 100)}: ${response.status}`);
      const body = await response.json();
      assert.equal(body.error, 'invalid_request');
      assert.match(body.message, /La demande n'est pas valide/);
    }
    const huge = await t.send('PUT', '/api/profile/security-questions', {
      cookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ questions: alexSet().map((q) => ({ ...q, answer: '😀'.repeat(900) })) }),
    });
    assert.equal(huge.status, 413);
    assert.equal((await huge.json()).error, 'payload_too_large');
  });

  test('answers in any script, with odd Unicode, are enrolled (and hashed as normalised)', async () => {
    const response = await put([
      { questionId: 'first-pet', answer: '東京タワー' },
      { questionId: 'elementary-school', answer: 'مدرسة النور' },
      { questionId: 'parents-met', answer: 'Ｒｉｍｏｕｓｋｉ\u200b' },
      { questionId: 'first-concert', answer: '🎸🎤🥁' },
      { customQuestion: 'Сколько лет было моему коту?', answer: 'Двенадцать' },
    ]);
    assert.equal(response.status, 200, await response.clone().text());
    const rows = (await rowsOf()).sort((a, b) => a.position - b.position);
    assert.equal(await verifySecret(rows[2]!.answerHash, 'rimouski'), true);
    assert.equal((await put(alexSet())).status, 200);
  });

  test('needs a session: none is 401, one limited to setting a password is 403', async () => {
    const none = await t.send('GET', '/api/profile/security-questions');
    assert.equal(none.status, 401);
    assert.equal((await put(alexSet(), { cookie: '__Host-sesame_session=' + 'A'.repeat(43) })).status, 401);
    const limited = await startSession(t, alex.userId, { level: 'set-password', reason: 'reset' });
    const forbidden = await put(alexSet(), { cookie: limited });
    assert.equal(forbidden.status, 403);
    assert.equal((await forbidden.json()).error, 'restricted_session');
    assert.equal((await get(limited)).status, 403);
  });

  test('a session sent to enrol may enrol, and becomes a full session under a new cookie', async () => {
    const enrolling = await startSession(t, '100010', { level: 'enrol' });
    assert.equal((await t.send('GET', '/api/profile', { cookie: enrolling })).status, 403, 'nothing else before enrolling');
    assert.deepEqual(await (await get(enrolling)).json(), { enrolledAt: null, questions: [] });

    const invalid = await put(withRow(0, { questionId: 'first-pet', answer: 'Enrol' }), { cookie: enrolling });
    assert.equal(invalid.status, 400, 'the name rule holds for this employee too');
    assert.equal(invalid.headers.get('set-cookie'), null);

    const saved = await put(alexSet(), { cookie: enrolling });
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), { access: { level: 'full' } });
    const full = sessionCookie(saved);
    assert.notEqual(full, enrolling);
    assert.equal((await t.send('GET', '/api/profile', { cookie: enrolling })).status, 401, 'the old token is gone');
    assert.equal((await t.send('GET', '/api/profile', { cookie: full })).status, 200);
    const session = await (await t.send('GET', '/api/auth/session', { cookie: full })).json();
    assert.deepEqual(session.access, { level: 'full' });
    assert.equal((await rowsOf('100010')).length, 5);
  });
});
