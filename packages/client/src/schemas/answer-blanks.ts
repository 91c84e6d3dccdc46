/**
 * Blanks in an answer: the places a template leaves for the executor to fill in. A blank is written
 * `[…]`, optionally with a hint after the ellipsis (`[… какие меры приняты]`); three dots serve as the
 * ellipsis too (`[...]`). Square brackets around an ellipsis never occur in a finished answer, unlike a
 * bare `…`, which a writer may use on purpose — so only the bracketed form counts as a blank. The
 * portal refuses to send an answer with a blank on to approval or to the applicant
 * (`answer-has-blanks`); the console shows the same blanks beside the text before it asks.
 */
const BLANK = /\[(?:…|\.\.\.)[^[\]\n]*\]/g;

/** The blanks left in `text`, as written, in order of appearance. */
export function answerBlanks(text: string): string[] {
  return text.match(BLANK) ?? [];
}

/**
 * A template's body with its blanks in the bracketed form: a bare `…` in a template (as templates
 * were written before the bracketed blank) is a blank too, so it becomes `[…]`.
 */
export function markTemplateBlanks(body: string): string {
  return body.replace(/(?<!\[)…/g, '[…]');
}
