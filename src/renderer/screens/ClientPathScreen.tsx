import type { ReactNode } from 'react';
import { KB_STEPS } from '../../shared/findings';
import { ExternalLink } from '../components/ExternalLink';
import { FindingList } from '../components/FindingList';
import { KbRef } from '../components/KbRef';
import { RepairCard } from '../components/repair-card/RepairCard';
import { ScreenFrame } from '../components/ScreenFrame';
import { clientNameIn, findingById, primaryClient, type Finding } from '../diagnosis-view';
import type { Diagnosis } from '../client/client-types';
import { useWizard } from '../store/wizard-context';

const CACHE_FINDINGS = [
  'personal-certificate',
  'stored-credentials',
  'connection-settings',
] as const;

function cacheFindings(diagnosis: Diagnosis | undefined): Finding[] {
  return CACHE_FINDINGS.flatMap((id) => findingById(diagnosis, id) ?? []);
}

/**
 * The card that clears the cached sign-in, by the name the user sees on it: for Lync 2013 and
 * later, the link on the client's own sign-in screen; for Lync 2010, the article's step. The
 * screen's "Not fixed yet" note names it the same way.
 */
const SIGN_IN_CARD_TITLE = {
  lync2013: 'Delete my sign-in information',
  lync2010: KB_STEPS['lync2010-clear-cache'].title,
} as const;

function Lync2013Path({ diagnosis }: { diagnosis: Diagnosis | undefined }) {
  return (
    <RepairCard
      cardKey="delete-sign-in-info"
      steps={['delete-sign-in-info']}
      title={SIGN_IN_CARD_TITLE.lync2013}
      kbStep="lync2013-delete-sign-in-info"
      findings={cacheFindings(diagnosis)}
    >
      <p>
        {clientNameIn(diagnosis)} keeps your saved password, its certificate and its connection
        settings. Deleting them does what the “Delete my sign-in information” link on its sign-in
        screen does: it asks for your password again and gets a fresh certificate.
      </p>
    </RepairCard>
  );
}

function Guidance({
  title,
  kbStep,
  finding,
  children,
}: {
  title: string;
  kbStep: 'lync2010-update-client' | 'lync2010-update-sign-in-assistant';
  finding: Finding | undefined;
  children: ReactNode;
}) {
  return (
    <section className="repair-card" aria-labelledby={`guide-${kbStep}`}>
      <h3 id={`guide-${kbStep}`}>{title}</h3>
      <KbRef kbStep={kbStep} />
      {finding ? <FindingList findings={[finding]} /> : <p>The scan could not tell.</p>}
      {children}
    </section>
  );
}

function Lync2010Path({ diagnosis }: { diagnosis: Diagnosis | undefined }) {
  return (
    <>
      <Guidance
        title="1. Update the Lync client"
        kbStep="lync2010-update-client"
        finding={findingById(diagnosis, 'client')}
      >
        <p>
          Lync 2010 gets its updates through Windows Update or from your IT department, which
          usually hands them out itself: run Windows Update, or ask IT for the latest Lync 2010
          update. Office 365 no longer offers Lync 2010. Every update Microsoft released for it is
          kept in the <ExternalLink link="lync2010-update-catalog" />; choose the one that matches
          your Lync, 32-bit or 64-bit. This app does not install software.
        </p>
        <p>
          Microsoft stopped updating Lync 2010 on 13 April 2021, as the{' '}
          <ExternalLink link="lync2010-lifecycle" /> says. Where the sign-in servers accept only TLS
          1.2, or run Skype for Business Server 2019 or later, Lync 2010 cannot sign in even when
          updated: ask IT for a newer client.
        </p>
      </Guidance>
      <Guidance
        title="2. Update the Microsoft Online Services Sign-In Assistant"
        kbStep="lync2010-update-sign-in-assistant"
        finding={findingById(diagnosis, 'sign-in-assistant')}
      >
        <p>
          Install the latest <ExternalLink link="sign-in-assistant-download" />. Its Windows service
          “Microsoft Online Services Sign-in Assistant” must be running. Lync 2010 uses it only to
          sign in to Office 365; signing in to your organisation’s own Lync server does not.
        </p>
      </Guidance>
      <RepairCard
        cardKey="clear-cached-sign-in"
        steps={['clear-cached-sign-in']}
        title={SIGN_IN_CARD_TITLE.lync2010}
        kbStep="lync2010-clear-cache"
        findings={cacheFindings(diagnosis)}
      />
    </>
  );
}

/** The titles of this path's steps whose problem the latest scan still finds. */
function unfixedOnPath(diagnosis: Diagnosis | undefined, lync2010: boolean): string[] {
  const cacheProblem = cacheFindings(diagnosis).some((finding) => finding.status === 'problem');
  const cacheTitle = lync2010 ? SIGN_IN_CARD_TITLE.lync2010 : SIGN_IN_CARD_TITLE.lync2013;
  const guidance = lync2010
    ? ([
        ['client', KB_STEPS['lync2010-update-client'].title],
        ['sign-in-assistant', KB_STEPS['lync2010-update-sign-in-assistant'].title],
      ] as const)
    : [];
  return [
    ...guidance.flatMap(([id, title]) =>
      findingById(diagnosis, id)?.status === 'problem' ? [title] : [],
    ),
    ...(cacheProblem ? [cacheTitle] : []),
  ];
}

/** The KB's resolution for the client the scan found. */
export function ClientPathScreen() {
  const diagnosis = useWizard((state) => state.diagnosis);
  const client = primaryClient(diagnosis);
  const lync2010 = diagnosis?.kbPath === 'lync2010';
  const unfixed = unfixedOnPath(diagnosis, lync2010);
  const title = lync2010
    ? 'Resolution for Lync 2010'
    : client?.kind === 'sfb2016'
      ? 'Resolution for Skype for Business'
      : 'Resolution for Lync 2013';
  return (
    <ScreenFrame title={title} unfixed={unfixed}>
      {client ? (
        <p className="lead">
          The scan found <strong>{client.displayName}</strong>
          {client.version && <> version {client.version}</>}. These are the article’s steps for it.
        </p>
      ) : (
        <p className="lead">
          No Lync or Skype for Business client was found, so the steps for Lync 2013 and later are
          shown.
        </p>
      )}
      {lync2010 ? <Lync2010Path diagnosis={diagnosis} /> : <Lync2013Path diagnosis={diagnosis} />}
    </ScreenFrame>
  );
}
