/**
 * The proof-of-work solver, imported with a dynamic `import()` so that it is a lazy chunk: solving
 * starts in the background once the form is shown, and the page does not wait for this code.
 */
export { solveChallenge } from '@otklik/client';
