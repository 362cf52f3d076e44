// Reading a Lighthouse result: the four category scores and every audit that counts towards
// a category and did not pass, with the elements it names (selector and HTML snippet).
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const UNSCORED = new Set(['notApplicable', 'informative', 'manual', 'error']);

export function scores(lhr) {
  return Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
}

/** Audits referenced by a category whose score is below 1 (scored audits only). */
export function failingAudits(lhr) {
  const failing = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || UNSCORED.has(audit.scoreDisplayMode) || audit.score === null || audit.score >= 1) continue;
      const items = audit.details?.items ?? [];
      const elements = items
        .flatMap((item) => [item.node, ...(item.subItems?.items ?? []).map((s) => s.relatedNode)])
        .filter((node) => node?.selector || node?.snippet)
        .slice(0, 5)
        .map((node) => `${node.selector ?? ''} ${node.snippet ?? ''}`.trim());
      const urls = items.map((item) => item.url ?? item.source?.url).filter(Boolean).slice(0, 5);
      failing.push({ category: c, id: ref.id, weight: ref.weight, title: audit.title, score: audit.score, displayValue: audit.displayValue ?? '', elements, urls, explanation: audit.explanation ?? '' });
    }
  }
  return failing;
}
