// Escapes text for HTML text and quoted attribute values, with the entities Astro's own
// templates use (&amp; &lt; &gt; &quot; &#39;), so a fragment written in TypeScript and the
// same fragment written in an .astro template give the same bytes.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
