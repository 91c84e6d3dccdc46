export * from './appeals.ts';
export * from './common.ts';
export * from './intake.ts';
export * from './organizations.ts';
export * from './patterns.ts';
export * from './problem.ts';
export * from './ratings.ts';
