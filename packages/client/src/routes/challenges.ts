/** The proof-of-work challenge every anonymous write (appeal, rating) needs first. */

export { createChallengeRoute } from './challenges/create-challenge.ts';
