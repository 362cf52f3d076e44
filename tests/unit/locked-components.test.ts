import { describe, expect, it } from 'vitest';
import { hasComponent } from '../../src/lib/content/locked-components.ts';

describe('hasComponent', () => {
  it.each([
    { name: 'finds a component with children', mdx: 'x\n<KeyInsights>\n- a\n</KeyInsights>', component: 'KeyInsights' as const, expected: true },
    { name: 'finds a self-closing component', mdx: 'x <ExecutiveActions />', component: 'ExecutiveActions' as const, expected: true },
    { name: 'finds a component with attributes', mdx: '<ExecutiveActions title="Do this">', component: 'ExecutiveActions' as const, expected: true },
    { name: 'does not find a component that is absent', mdx: '<KeyInsights>a</KeyInsights>', component: 'ExecutiveActions' as const, expected: false },
    { name: 'does not find a longer name', mdx: '<KeyInsightsBox>a</KeyInsightsBox>', component: 'KeyInsights' as const, expected: false },
    { name: 'does not find the name in plain text', mdx: 'Our KeyInsights section', component: 'KeyInsights' as const, expected: false },
  ])('$name', ({ mdx, component, expected }) => {
    expect(hasComponent(mdx, component)).toBe(expected);
  });
});
