/**
 * The only web addresses the app opens in the default browser: Microsoft pages a Lync 2010 user
 * needs for the KB article's update steps. The renderer names a link; main looks the address up
 * here, so no other address can be opened through the app.
 *
 * The KB sends Lync 2010 users to the downloads page of the Office 365 portal, which no longer
 * offers Lync 2010, and most Lync 2010 users left sign in to an on-premises Lync Server. Lync
 * 2010's updates come through Microsoft Update (or the organisation's WSUS), and the Microsoft
 * Update Catalog keeps every one of them for download; its support ended on 13 April 2021, so
 * the last update there is the latest there will be.
 */
export const EXTERNAL_LINKS = {
  'sign-in-assistant-download': {
    url: 'https://www.microsoft.com/download/details.aspx?id=41950',
    label: 'Microsoft Online Services Sign-In Assistant (Microsoft Download Center)',
  },
  'lync2010-update-catalog': {
    url: 'https://www.catalog.update.microsoft.com/Search.aspx?q=Lync%202010',
    label: 'Lync 2010 updates in the Microsoft Update Catalog',
  },
  'lync2010-lifecycle': {
    url: 'https://learn.microsoft.com/lifecycle/products/microsoft-lync-2010',
    label: 'Microsoft Lync 2010 lifecycle (Microsoft Learn)',
  },
} as const;

export type ExternalLinkId = keyof typeof EXTERNAL_LINKS;
export const EXTERNAL_LINK_IDS = Object.keys(EXTERNAL_LINKS) as [
  ExternalLinkId,
  ...ExternalLinkId[],
];
