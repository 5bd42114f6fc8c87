import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerLength, compactAnswer, normaliseAnswer } from '../../shared/answer-normalisation';
import {
  ANSWER_MAX_LENGTH,
  CUSTOM_QUESTION_MAX_LENGTH,
  enrolmentProblems,
  significantWords,
  type AnswerRule,
  type ChosenQuestion,
  type EnrolmentRow,
} from '../../shared/answer-rules';
import { defaultQuestionCatalogue } from '../../server/methods/questions/question-catalogue';

describe('answer normalisation', () => {
  test('"Montréal " and "montreal" are the same answer', () => {
    assert.equal(normaliseAnswer('Montréal '), 'montreal');
    assert.equal(normaliseAnswer('Montréal '), normaliseAnswer('montreal'));
  });

  test('accents go, in both cases and in decomposed form', () => {
    assert.equal(normaliseAnswer('ÉCOLE Sainte-Thérèse'), 'ecole sainte therese');
    assert.equal(normaliseAnswer('Cafe\u0301'), 'cafe');
    assert.equal(normaliseAnswer('Ça ira, Noël'), 'ca ira noel');
    assert.equal(normaliseAnswer('Ångström Øre'), 'angstrom øre', 'Ø is a letter of its own, not O with an accent');
  });

  test('case folding goes beyond lower-casing', () => {
    assert.equal(normaliseAnswer('STRASSE'), normaliseAnswer('Straße'));
    assert.equal(normaliseAnswer('ΟΔΟΣ'), normaliseAnswer('οδοσ'), 'final sigma folds like sigma');
  });

  test('NFKC: full-width letters, ligatures and compatibility forms become ordinary ones', () => {
    assert.equal(normaliseAnswer('Ｒｉｍｏｕｓｋｉ'), 'rimouski');
    assert.equal(normaliseAnswer('ﬁdo'), 'fido');
    assert.equal(normaliseAnswer('①②③'), '123');
  });

  test('spacing is collapsed and trimmed, punctuation folded to spaces', () => {
    assert.equal(normaliseAnswer('  Honda \t Civic\n'), 'honda civic');
    assert.equal(normaliseAnswer('Saint-Jean-sur-Richelieu'), 'saint jean sur richelieu');
    assert.equal(normaliseAnswer('« Pompon »!'), 'pompon');
    assert.equal(normaliseAnswer('O’Brien'), normaliseAnswer("O'Brien"));
    assert.equal(normaliseAnswer('a\u00a0b\u2003c'), 'a b c', 'no-break and em spaces are spaces');
  });

  test('invisible characters are dropped; symbols and other scripts stay', () => {
    assert.equal(normaliseAnswer('Pom\u200bpon\u00ad'), 'pompon');
    assert.equal(normaliseAnswer('\u202eRimouski'), 'rimouski');
    assert.equal(normaliseAnswer('C++ 5€'), 'c++ 5€');
    assert.equal(normaliseAnswer('서울'), '서울', 'Hangul is recomposed after accents are removed');
    assert.equal(normaliseAnswer('東京'), '東京');
    assert.equal(normaliseAnswer('Москва'), 'москва');
    assert.equal(normaliseAnswer('🐶 Rex'), '🐶 rex');
  });

  test('nothing but punctuation and spaces normalises to nothing', () => {
    assert.equal(normaliseAnswer(' ... !? '), '');
    assert.equal(answerLength(' ... '), 0);
  });

  test('length counts letters, digits and symbols, not spaces', () => {
    assert.equal(answerLength('a b'), 2);
    assert.equal(answerLength('Éa'), 2);
    assert.equal(answerLength('서울'), 2);
    assert.equal(compactAnswer('Sainte Famille'), compactAnswer('sainte-famille'));
  });
});

describe('enrolment rules', () => {
  const person = { userId: '100002', displayName: 'Marie Gagnon' };
  const options = { answerMinLength: 3 };
  const catalogue = (id: string): ChosenQuestion => {
    const q = defaultQuestionCatalogue.find((item) => item.id === id);
    if (!q) throw new Error(id);
    return { kind: 'catalogue', id, texts: [q.en, q.fr] };
  };
  const good = (): EnrolmentRow[] => [
    { question: catalogue('first-pet'), answer: 'Pompon' },
    { question: catalogue('elementary-school'), answer: 'Sainte-Famille' },
    { question: catalogue('parents-met'), answer: 'Rimouski' },
    { question: catalogue('first-concert'), answer: 'Céline Dion' },
    { question: catalogue('first-car'), answer: 'Honda Civic' },
  ];
  const problemsOf = (rows: EnrolmentRow[], opts = options) => enrolmentProblems(rows, person, opts);
  const withRow = (index: number, row: Partial<EnrolmentRow>) => {
    const rows = good();
    rows[index] = { ...rows[index]!, ...row };
    return rows;
  };
  const only = (rows: EnrolmentRow[], index: number, rule: AnswerRule) => assert.deepEqual(problemsOf(rows), [{ index, rule }]);

  test('a good set has no problem', () => {
    assert.deepEqual(problemsOf(good()), []);
  });

  test('the demo answers of Marie Gagnon follow the rules', async () => {
    const { demoSecurityAnswers } = await import('../../server/directory/demo-directory');
    const rows = (demoSecurityAnswers['100002'] ?? []).map((a) => ({ question: catalogue(a.questionId), answer: a.answer }));
    assert.equal(rows.length, 5);
    assert.deepEqual(problemsOf(rows), []);
  });

  test('an answer needs at least 3 letters or digits after normalisation', () => {
    only(withRow(0, { answer: 'Jo' }), 0, 'answer_too_short');
    only(withRow(0, { answer: ' J-o ' }), 0, 'answer_too_short');
    assert.deepEqual(problemsOf(withRow(0, { answer: 'Joe' })), []);
  });

  test('the minimum length is configurable', () => {
    assert.deepEqual(problemsOf(withRow(0, { answer: 'Rex' }), { answerMinLength: 4 }), [{ index: 0, rule: 'answer_too_short' }]);
    assert.deepEqual(problemsOf(withRow(0, { answer: 'Rexy' }), { answerMinLength: 4 }), []);
  });

  test('an empty answer, or one of punctuation only, is missing', () => {
    only(withRow(2, { answer: '' }), 2, 'answer_missing');
    only(withRow(2, { answer: ' -- ' }), 2, 'answer_missing');
  });

  test(`an answer is at most ${ANSWER_MAX_LENGTH} characters`, () => {
    only(withRow(1, { answer: 'z'.repeat(ANSWER_MAX_LENGTH + 1) }), 1, 'answer_too_long');
    assert.deepEqual(problemsOf(withRow(1, { answer: 'z'.repeat(ANSWER_MAX_LENGTH) })), []);
  });

  test('the 5 answers are distinct, as normalised', () => {
    only(withRow(4, { answer: 'RIMOUSKI ' }), 4, 'answer_repeated');
    only(withRow(4, { answer: 'sainte famille' }), 4, 'answer_repeated');
  });

  test('an answer does not contain the user ID', () => {
    only(withRow(0, { answer: 'Rex100002' }), 0, 'answer_contains_user_id');
    only(withRow(0, { answer: 'rex 100 002' }), 0, 'answer_contains_user_id');
  });

  test("an answer does not contain the employee's name", () => {
    only(withRow(0, { answer: 'Minou Gagnon' }), 0, 'answer_contains_name');
    only(withRow(0, { answer: 'MARIE' }), 0, 'answer_contains_name');
    only(withRow(0, { answer: 'mariegagnon' }), 0, 'answer_contains_name');
    assert.deepEqual(problemsOf(withRow(0, { answer: 'Mariette' })), [], 'a longer word that starts like the name is fine');
  });

  test("an answer does not repeat the question's significant words, in either language, accents aside", () => {
    only(withRow(0, { answer: 'my pet Rex' }), 0, 'answer_contains_question');
    only(withRow(0, { answer: 'Compagnie Rex' }), 0, 'answer_contains_question');
    only(withRow(1, { answer: 'École Sainte-Famille' }), 1, 'answer_contains_question');
    only(withRow(1, { answer: 'ECOLE Sainte-Famille' }), 1, 'answer_contains_question');
    assert.deepEqual(problemsOf(withRow(0, { answer: 'What Rex' })), [], '"what" is not a significant word');
  });

  test('significant words leave out short and common words, in English and French', () => {
    assert.deepEqual(significantWords('What was the name of your first pet?'), ['name', 'first', 'pet']);
    assert.deepEqual(significantWords('Quel était le nom de votre école primaire?'), ['nom', 'ecole', 'primaire']);
  });

  test('the same catalogue question twice is refused', () => {
    only(withRow(3, { question: catalogue('first-pet') }), 3, 'question_repeated');
  });

  test("one's own question: non-empty, bounded, distinct, and its words count too", () => {
    const custom = (text: string): ChosenQuestion => ({ kind: 'custom', text });
    assert.deepEqual(problemsOf(withRow(4, { question: custom('Who was my first boss?'), answer: 'Gérald' })), []);
    only(withRow(4, { question: custom('   '), answer: 'Gérald' }), 4, 'question_missing');
    only(withRow(4, { question: custom('?!'), answer: 'Gérald' }), 4, 'question_missing');
    only(withRow(4, { question: custom('q'.repeat(CUSTOM_QUESTION_MAX_LENGTH + 1)), answer: 'Gérald' }), 4, 'question_too_long');
    only(withRow(4, { question: custom('WHAT WAS THE NAME OF YOUR FIRST PET'), answer: 'Gérald' }), 4, 'question_repeated');
    only(
      withRow(4, { question: custom('Quel était le nom de votre premier animal de compagnie ?'), answer: 'Gérald' }),
      4,
      'question_repeated',
    );
    only(withRow(4, { question: custom('Who was my first boss?'), answer: 'The Boss' }), 4, 'answer_contains_question');
    const twoOwn = withRow(4, { question: custom('Who was my first boss?'), answer: 'Gérald' });
    twoOwn[3] = { question: custom('who was my first boss'), answer: 'Lucie' };
    only(twoOwn, 4, 'question_repeated');
  });

  test('no question chosen, or an id the catalogue does not hold', () => {
    only(withRow(2, { question: { kind: 'none' } }), 2, 'question_missing');
    only(withRow(2, { question: { kind: 'unknown', id: 'nope' } }), 2, 'question_unknown');
  });

  test('several problems are all reported, row by row', () => {
    const rows = good();
    rows[0] = { question: catalogue('first-pet'), answer: 'pet' };
    rows[1] = { question: catalogue('first-pet'), answer: '' };
    assert.deepEqual(problemsOf(rows), [
      { index: 0, rule: 'answer_contains_question' },
      { index: 1, rule: 'question_repeated' },
      { index: 1, rule: 'answer_missing' },
    ]);
  });
});
