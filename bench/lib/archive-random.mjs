// The seeded random source of the story generators (bench/lib/archive-generate.mjs,
// bench/generate-stories.mjs): the same seed gives the same stories, byte for byte, on any
// machine.

/** mulberry32: a small, fast 32-bit generator; plenty for made-up prose. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed) {
  const next = mulberry32(seed);
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  /** `n` distinct items of `list`, in random order. */
  const sample = (list, n) => {
    const copy = [...list];
    const take = Math.min(n, copy.length);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, take);
  };
  /**
   * An index in 0..size-1 where low indexes are far more likely (roughly Zipf, s = 1): a few
   * tags and authors carry many stories, most carry few, as in a real archive.
   */
  const skewed = (size) => Math.min(size - 1, Math.floor(Math.exp(next() * Math.log(size + 1))) - 1);
  return { next, int, pick, sample, skewed };
}

export const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
export const wordCount = (s) => s.split(/\s+/).filter(Boolean).length;
