import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../server/config';
import { defaultQuestionCatalogue } from '../../server/methods/questions/question-catalogue';

function questionsFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sesame-questions-')), 'questions.json');
  writeFileSync(file, content);
  return file;
}

const five = Array.from({ length: 5 }, (_, i) => ({ id: `q${i}`, en: `Question ${i}?`, fr: `Question ${i}\u00a0?` }));

describe('security questions configuration', () => {
  test('by default: the built-in catalogue of at least 12 questions, answers of at least 3', () => {
    const config = loadConfig({});
    assert.equal(config.questions.catalogue, defaultQuestionCatalogue);
    assert.ok(config.questions.catalogue.length >= 12);
    assert.equal(config.questions.answerMinLength, 3);
  });

  test('the catalogue comes from SESAME_QUESTIONS_FILE', () => {
    const config = loadConfig({ SESAME_QUESTIONS_FILE: questionsFile(JSON.stringify(five)) });
    assert.deepEqual(config.questions.catalogue, five);
  });

  test('SESAME_ANSWER_MIN_LENGTH sets the minimum', () => {
    assert.equal(loadConfig({ SESAME_ANSWER_MIN_LENGTH: '5' }).questions.answerMinLength, 5);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['SESAME_QUESTIONS_FILE', '/no/such/questions.json', /cannot read a JSON file/],
    ['SESAME_QUESTIONS_FILE', questionsFile('{not json'), /cannot read a JSON file/],
    ['SESAME_QUESTIONS_FILE', questionsFile(JSON.stringify(five.slice(0, 4))), /at least 5 questions/],
    ['SESAME_QUESTIONS_FILE', questionsFile(JSON.stringify([...five.slice(1), five[1]])), /each id must appear once/],
    ['SESAME_QUESTIONS_FILE', questionsFile(JSON.stringify([...five.slice(1), { id: 'x', en: 'Only English?' }])), /at 4\.fr/],
    [
      'SESAME_QUESTIONS_FILE',
      questionsFile(JSON.stringify([...five.slice(1), { id: 'Bad Id', en: 'A?', fr: 'B?' }])),
      /ids are lower-case/,
    ],
    ['SESAME_QUESTIONS_FILE', questionsFile(JSON.stringify([...five.slice(1), { id: 'long', en: 'x'.repeat(151), fr: 'y' }])), /at 4\.en/],
    ['SESAME_ANSWER_MIN_LENGTH', '0', /SESAME_ANSWER_MIN_LENGTH/],
    ['SESAME_ANSWER_MIN_LENGTH', 'three', /SESAME_ANSWER_MIN_LENGTH/],
  ];
  for (const [name, value, detail] of bad) {
    test(`${name}=${value.split('/').at(-1)} is refused with a message naming ${name}`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) =>
          error instanceof ConfigError && error.variable === name && error.message.startsWith(name) && detail.test(error.message),
      );
    });
  }
});
