/**
 * Every user-facing word shared by the wizard, the report and the command line. Plain data and
 * functions only (no Node, no DOM), so the renderer imports it as the main process does.
 */
export * from './admin';
export * from './client';
export * from './data-lock';
export * from './dates';
export * from './findings';
export * from './numbers';
export * from './runs';
export * from './steps';
export * from './targets';
