/** The interview fixtures: a TOC checkout with our own templates and a project folder of interviews. */
import { join } from 'node:path';
import { ROOT } from '../support/docs';

export const FIXTURES = join(ROOT, 'test', 'interviews', 'fixtures');
export const TOC_FIXTURE = join(FIXTURES, 'toc');
export const QUARKLE = join(TOC_FIXTURE, 'projects', 'quarkle');
export const DD = join(QUARKLE, 'quarkle-incubation-due-diligence.md');
