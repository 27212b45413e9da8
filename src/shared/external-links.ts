/**
 * The only web addresses the app opens in the default browser, each a Microsoft download page
 * the KB article sends Lync 2010 users to. The renderer names a link; main looks the address up
 * here, so no other address can be opened through the app.
 */
export const EXTERNAL_LINKS = {
  'sign-in-assistant-download': {
    url: 'https://www.microsoft.com/download/details.aspx?id=41950',
    label: 'Microsoft Online Services Sign-In Assistant (Microsoft Download Center)',
  },
  'office-portal-downloads': {
    url: 'https://portal.office.com/',
    label: 'Downloads page of the Office 365 portal',
  },
} as const;

export type ExternalLinkId = keyof typeof EXTERNAL_LINKS;
export const EXTERNAL_LINK_IDS = Object.keys(EXTERNAL_LINKS) as [
  ExternalLinkId,
  ...ExternalLinkId[],
];
