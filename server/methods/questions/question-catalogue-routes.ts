import { Hono } from 'hono';
import type { QuestionCatalogueResponse } from '../../../shared/api-schemas';
import type { AppEnv } from '../../http/app-env';
import type { Services } from '../../services';

/** GET /api/questions/catalogue: the questions to choose from, in both languages. Public, as the page's own texts are. */
export function questionCatalogueRoutes({ config }: Services) {
  const body: QuestionCatalogueResponse = {
    questions: config.questions.catalogue.map(({ id, en, fr }) => ({ id, text: { en, fr } })),
    answerMinLength: config.questions.answerMinLength,
  };
  return new Hono<AppEnv>().get('/catalogue', (c) => c.json(body, 200));
}
