// "Did you mean …?": the known name closest to a misspelt one, if it is close enough to help.

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate within about a third of the word's length, or undefined. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const target = word.toLowerCase();
  if (target === '') return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase().includes(target) || target.includes(candidate.toLowerCase())
      ? Math.abs(candidate.length - target.length) * 0.5
      : editDistance(target, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const allowed = Math.max(2, Math.ceil(target.length / 3));
  return best && best.distance <= allowed ? best.candidate : undefined;
}

/** ' Did you mean "x"?' or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match && match !== word ? ` Did you mean "${match}"?` : '';
}
