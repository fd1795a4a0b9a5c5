/**
 * Text → comparable terms: lower case, accents and markdown link targets dropped, split on
 * anything that is not a letter or digit, stop words removed, light stemming. The same function
 * runs on the profile's wording and on the document's, so its imperfections cancel out:
 * "documentation", "documented" and "documents" all become "document".
 */
import { replaceLinkDestinations } from '../text/trim';

const STOP = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'by', 'with', 'as', 'at', 'is', 'are', 'be', 'been', 'was',
  'were', 'it', 'its', 'this', 'that', 'these', 'those', 'which', 'who', 'what', 'any', 'all', 'if', 'from', 'their', 'there',
  'has', 'have', 'had', 'will', 'must', 'should', 'may', 'can', 'e', 'g', 'eg', 'etc', 'i', 'ie', 'via', 'also', 'other',
  'such', 'than', 'into', 'per', 'each', 'so', 'not', 'no', 'do', 'does', 'how', 'why', 'where', 'when', 'including', 'either',
  'well', 'both', 'our', 'your', 'they', 'them', 'we', 'project', 'projects', 's',
]);

/** Strips an inflection, then one derivational suffix; keeps at least 3 letters. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') || w.endsWith('ied')) w = w.slice(0, -3) + 'y';
  else if (/(ss|us|is)$/.test(w)) { /* process, status, analysis */ }
  else if (/(s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  else if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 5) w = w.slice(0, -2);
  for (const s of DERIVATIONAL) {
    if (w.endsWith(s) && w.length - s.length >= 3) return w.slice(0, -s.length);
  }
  return w;
}

const DERIVATIONAL = ['ational', 'ation', 'ition', 'ness', 'ance', 'ence', 'ible', 'able', 'ity', 'ion', 'ive', 'er', 'or', 'ly', 'al', 'y', 'e'];

/** Terms of a text, in order (duplicates kept). */
export function terms(text: string): string[] {
  const plain = replaceLinkDestinations(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''), ' ')
    .replace(/<?https?:\/\/\S+>?/g, ' ')
    .toLowerCase()
    .replace(/[’']/g, '');
  const out: string[] = [];
  for (const raw of plain.split(/[^a-z0-9]+/)) {
    if (!raw || STOP.has(raw)) continue;
    if (raw.length === 1 && !/\d/.test(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** Whether `needle` occurs as a contiguous run in `haystack`. */
export function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
