/**
 * The argument that starts this program as the one-shot elevated helper (helper-main.ts). Kept
 * apart so an entry point can test for it without loading the helper and its message schemas.
 */
export const HELPER_FLAG = '--elevated-helper';
