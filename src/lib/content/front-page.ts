// Which stories the home page shows: the newest as the lead, the next three beside it, then
// the latest of each section that the top of the page has not already shown.
import { byRecency, type Story } from './story.ts';

export interface FrontPage {
  lead: Story | undefined;
  secondary: Story[];
  bySection: { section: string; stories: Story[] }[];
}

export function frontPage(published: readonly Story[], sectionOrder: readonly string[], perSection = 4): FrontPage {
  const sorted = [...published].sort(byRecency);
  const [lead, ...rest] = sorted;
  const secondary = rest.slice(0, 3);
  const shown = new Set([lead, ...secondary].flatMap((s) => (s ? [s.slug] : [])));
  const bySection = sectionOrder.map((section) => ({
    section,
    stories: sorted.filter((s) => s.section === section && !shown.has(s.slug)).slice(0, perSection),
  }));
  return { lead, secondary, bySection };
}
