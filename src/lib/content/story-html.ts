// Turns a story's mdast (or a piece of it) into sanitised HTML: Markdown as remark-rehype
// does, <PullQuote> and <Figure> as the markup below (what their Astro components rendered
// before stories were compiled on the server), lowercase tags (<br />, <sup>, <abbr title>, <table>…) as elements, and heading
// ids as Astro gave them (github-slugger over the heading's text, one slugger per story), and
// local images noted and sized (body-image-sizes.ts).
import type { Element, ElementContent, Properties, Root as HastRoot, RootContent as HastRootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toHast, type Handlers, type State } from 'mdast-util-to-hast';
import GithubSlugger from 'github-slugger';
import { find, html as htmlSpace } from 'property-information';
import { sizeBodyImages, type BodyImageSizing } from './body-image-sizes.ts';
import { sanitiseTree, STORY_CLASSES } from './sanitise-html.ts';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** Prefix for ids and names an editor writes, so they cannot clash with the page's own. */
export const EDITOR_ID_PREFIX = 'user-content-';

const HANDLERS: Handlers = {
  mdxJsxFlowElement: (state: State, node: JsxElement) => jsxElement(state, node),
  mdxJsxTextElement: (state: State, node: JsxElement) => jsxElement(state, node),
  // Refused before compiling (mdx-constructs.ts); never turned into text or markup.
  mdxjsEsm: () => undefined,
  mdxFlowExpression: () => undefined,
  mdxTextExpression: () => undefined,
};

/**
 * Sanitised HTML for a run of top-level mdast nodes. `slugger` is shared by every piece of one
 * story, in document order, so heading ids count up as they did on the one Astro page.
 */
export function piecesToHtml(nodes: RootContent[], slugger: GithubSlugger, images: BodyImageSizing): string {
  const hast = toHast({ type: 'root', children: nodes }, { handlers: HANDLERS });
  const root: HastRoot = hast.type === 'root' ? hast : { type: 'root', children: [hast as HastRootContent] };
  addHeadingIds(root, slugger);
  // After the sanitiser, so only images that stay in the page are measured.
  const clean = sanitiseTree(root);
  sizeBodyImages(clean, images);
  return withoutCommentOpeners(toHtml(clean));
}

/**
 * The sanitiser drops every comment and text escapes its `<`, but an attribute value keeps a
 * literal `<` (title="<!--…-->"). Written as a character reference, it reads the same to the
 * browser and can never be taken for a locked-part marker. Line breaks left at either end
 * (by a dropped element) go too.
 */
function withoutCommentOpeners(html: string): string {
  return html.replaceAll('<!--', '&#x3C;!--').replace(/^\n+|\n+$/g, '');
}

export function newSlugger(): GithubSlugger {
  return new GithubSlugger();
}

/** The attributes of a JSX element as plain strings (expressions are refused before this). */
function attributesOf(node: JsxElement): Map<string, string | true> {
  const attributes = new Map<string, string | true>();
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') continue;
    if (attribute.value === null || attribute.value === undefined) attributes.set(attribute.name, true);
    else if (typeof attribute.value === 'string') attributes.set(attribute.name, attribute.value);
  }
  return attributes;
}

function jsxElement(state: State, node: JsxElement): ElementContent | ElementContent[] | undefined {
  const name = node.name;
  if (name === 'PullQuote') return pullQuote(state, node);
  if (name === 'Figure') return figure(node);
  if (name && /^[a-z][a-z0-9-]*$/.test(name)) return plainElement(state, node, name);
  // Locked parts are taken out before this; anything else is refused by the checks.
  return undefined;
}

function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** <PullQuote cite>: <figure class="pull-quote"><blockquote>…</blockquote><figcaption>cite</figcaption></figure>. */
function pullQuote(state: State, node: JsxElement): Element {
  const cite = attributesOf(node).get('cite');
  const children: ElementContent[] = [element('blockquote', {}, state.all(node))];
  if (typeof cite === 'string' && cite !== '') children.push(element('figcaption', {}, [text(cite)]));
  return element('figure', { className: [STORY_CLASSES.pullQuote] }, children);
}

/** <Figure>: the image, then a caption with the credit in a span when either is given. */
function figure(node: JsxElement): Element {
  const attributes = attributesOf(node);
  const value = (name: string) => {
    const v = attributes.get(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const image: Properties = { src: value('src') ?? '', alt: value('alt') ?? '' };
  const width = value('width');
  const height = value('height');
  if (width !== undefined) image['width'] = width;
  if (height !== undefined) image['height'] = height;
  image['loading'] = 'lazy';
  image['decoding'] = 'async';
  // The image keeps the component's place in the file, so a problem with it names that line.
  const children: ElementContent[] = [{ ...element('img', image, []), ...(node.position ? { position: node.position } : {}) }];
  const caption = value('caption');
  const credit = value('credit');
  if (caption !== undefined || credit !== undefined) {
    const inCaption: ElementContent[] = caption !== undefined ? [text(caption)] : [];
    if (credit !== undefined) inCaption.push(element('span', { className: [STORY_CLASSES.figureCredit] }, [text(` ${credit}`)]));
    children.push(element('figcaption', {}, inCaption));
  }
  return element('figure', { className: [STORY_CLASSES.figure] }, children);
}

/** A lowercase tag as the element it names; the sanitiser decides what survives. */
function plainElement(state: State, node: JsxElement, tagName: string): Element {
  const properties: Properties = {};
  for (const [name, value] of attributesOf(node)) {
    const { property } = find(htmlSpace, name);
    if (property === 'id' || property === 'name') {
      if (typeof value === 'string') properties[property] = `${EDITOR_ID_PREFIX}${value}`;
    } else properties[property] = property === 'className' && typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
  }
  const result = element(tagName, properties, state.all(node));
  state.patch(node, result);
  return result;
}

const HEADING = /^h[1-6]$/;

/** Astro's rule: a heading without an id gets slugger.slug(its text); one with an id keeps it. */
function addHeadingIds(node: HastRoot | Element, slugger: GithubSlugger): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (HEADING.test(child.tagName)) {
      if (typeof child.properties['id'] !== 'string') child.properties['id'] = slugger.slug(textContent(child));
    }
    addHeadingIds(child, slugger);
  }
}

function textContent(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textContent).join('');
  return '';
}
