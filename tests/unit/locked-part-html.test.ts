import { describe, expect, it } from 'vitest';
import { LOCKED_PART_IDS } from '../../db/schema/content.ts';
import { LOCKED_PART_TITLES, openLockedPartHtml } from '../../src/lib/content/locked-part-html.ts';
import { LOCKED_PART_CLASS } from '../../src/lib/seo/json-ld.ts';

describe('openLockedPartHtml', () => {
  it('wraps the part in its open section with its heading, for a reader', () => {
    expect(openLockedPartHtml('key-insights', '<ul><li>One</li></ul>', { markedForEditors: false })).toBe(
      '<section class="locked-part locked-part--open" id="key-insights" aria-labelledby="key-insights-heading">' +
        '<h2 id="key-insights-heading">Key Insights and Take-aways</h2><ul><li>One</li></ul></section>',
    );
  });

  it('adds the editor note before the heading, for an editor', () => {
    expect(openLockedPartHtml('executive-actions', '<ol><li>Act</li></ol>', { markedForEditors: true })).toBe(
      '<section class="locked-part locked-part--open" id="executive-actions" aria-labelledby="executive-actions-heading">' +
        '<p class="locked-part__editor-note">Locked for readers without access: they see the offer instead.</p>' +
        '<h2 id="executive-actions-heading">Executive Actions</h2><ol><li>Act</li></ol></section>',
    );
  });

  it.each(LOCKED_PART_IDS)('classes %s with the class the paywall markup (JSON-LD cssSelector) names', (part) => {
    const html = openLockedPartHtml(part, '', { markedForEditors: false });
    expect(/^<section class="([^"]+)"/.exec(html)?.[1]?.split(' ')).toContain(LOCKED_PART_CLASS);
  });

  it('labels each part by its own heading', () => {
    for (const part of LOCKED_PART_IDS) {
      const html = openLockedPartHtml(part, '', { markedForEditors: false });
      expect(html).toContain(`aria-labelledby="${part}-heading"`);
      expect(html).toContain(`<h2 id="${part}-heading">${LOCKED_PART_TITLES[part]}</h2>`);
    }
  });
});
