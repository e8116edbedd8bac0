import path from 'node:path';

/** The repository root: tests and CLI commands find the bundled data from here, wherever they run from. */
export const ROOT = path.resolve(__dirname, '../..');
/** The bundled FAQ (committed, written by `kakao-faq faq import`). */
export const FAQ_FILE = path.join(ROOT, 'data/faq.json');
export const SYNONYMS_FILE = path.join(ROOT, 'data/synonyms.json');
