// The components every article may use without an import. Whether the locked parts render
// is decided here from one flag, so no page can show them by accident.
import PullQuote from './PullQuote.astro';
import Figure from './Figure.astro';
import KeyInsights from './KeyInsights.astro';
import ExecutiveActions from './ExecutiveActions.astro';
import LockedPartHidden from './LockedPartHidden.astro';
import KeyInsightsForEditors from './KeyInsightsForEditors.astro';
import ExecutiveActionsForEditors from './ExecutiveActionsForEditors.astro';

export function articleComponents(options: { showLockedParts: boolean; markAsLocked?: boolean }) {
  const locked = !options.showLockedParts
    ? { KeyInsights: LockedPartHidden, ExecutiveActions: LockedPartHidden }
    : options.markAsLocked
      ? { KeyInsights: KeyInsightsForEditors, ExecutiveActions: ExecutiveActionsForEditors }
      : { KeyInsights, ExecutiveActions };
  return { PullQuote, Figure, ...locked };
}
