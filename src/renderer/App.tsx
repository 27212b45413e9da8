import { AppHeader } from './components/AppHeader';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import { StepNav } from './components/StepNav';
import { AdditionalScreen } from './screens/AdditionalScreen';
import { AdminScreen } from './screens/AdminScreen';
import { ClientPathScreen } from './screens/ClientPathScreen';
import { OutcomeScreen } from './screens/OutcomeScreen';
import { ReportScreen } from './screens/ReportScreen';
import { ScanScreen } from './screens/ScanScreen';
import type { ScreenId } from './store/screens';
import { useWizard } from './store/wizard-context';

const SCREEN_COMPONENTS: Record<ScreenId, () => React.JSX.Element> = {
  scan: ScanScreen,
  'client-path': ClientPathScreen,
  additional: AdditionalScreen,
  admin: AdminScreen,
  outcome: OutcomeScreen,
  report: ReportScreen,
};

export function App() {
  const screen = useWizard((state) => state.screen);
  const helpdesk = useWizard((state) => state.helpdesk);
  const goTo = useWizard((state) => state.goTo);
  const Screen = SCREEN_COMPONENTS[screen];
  return (
    <div className={helpdesk ? 'app helpdesk' : 'app'} data-screen={screen}>
      <AppHeader />
      <div className="app-body">
        <StepNav />
        <ScreenErrorBoundary screen={screen} onStartOver={() => goTo('scan')}>
          <Screen key={screen} />
        </ScreenErrorBoundary>
      </div>
    </div>
  );
}
