/**
 * The app's Windows identity: electron-builder.yml's `appId`, which the installer stamps on its
 * shortcuts as their AppUserModelID. The app sets the same id at start so its windows (also a
 * copy started again by "Restart normally") group with the pinned shortcut.
 * e2e/packaging-config.test.ts holds electron-builder.yml to this value.
 */
export const APP_ID = 'io.github.sfbsigninrepair.app';
