import { useWizard } from '../store/wizard-context';

/** Progress of the change being made; an indeterminate bar until main reports numbers. */
export function ProgressLine({ label }: { label: string }) {
  const progress = useWizard((state) => state.progress);
  const known = progress?.total !== undefined && progress.done !== undefined;
  return (
    <div className="progress" role="status">
      <p>{progress?.message ?? label}</p>
      {known ? (
        <progress max={progress.total} value={progress.done} aria-label={label} />
      ) : (
        <progress aria-label={label} />
      )}
    </div>
  );
}
