import { KB_STEPS } from '../../shared/findings';
import { isKbStep } from '../../shared/wording';
import { useWizard } from '../store/wizard-context';

/** Where the KB article describes this step, so both sides of a screen share read the same. */
export function KbRef({ kbStep }: { kbStep: string }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  if (!helpdesk || !isKbStep(kbStep)) return null;
  const step = KB_STEPS[kbStep];
  return (
    <p className="kb-ref">
      KB: {step.section} › {step.title}
    </p>
  );
}
