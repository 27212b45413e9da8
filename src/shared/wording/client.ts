/**
 * The client a sentence is about. The scan names it ("Skype for Business 2019", "Lync 2013 /
 * Skype for Business 2015"); before a scan, or when none was found, both names the family goes
 * by, so a Skype for Business user is never told about a "Lync" they do not have.
 */
export const ANY_CLIENT_NAME = 'Lync or Skype for Business';

export function clientNameOf(client: { displayName: string } | undefined): string {
  const name = client?.displayName.trim();
  return name ? name : ANY_CLIENT_NAME;
}

/**
 * The wizard step about the client, by its family: Skype for Business from 2016 on; the Lync
 * 2010 and 2013 family (2013 renamed Skype for Business 2015 by an update) otherwise.
 */
export function clientStepLabel(kind: string | undefined): string {
  return kind === 'sfb2016' ? 'Your Skype for Business' : 'Your Lync';
}
