// The middleware's side of signed-in frames (src/lib/page-frame/frame.ts): a signed-in GET
// without a query may be rendered as a frame; when the page did render itself as one (it
// declared Astro.locals.pageFrame), the frame is kept in the page frames
// (src/server/http/page-frames.ts), unless a content change overtook the render, and the
// reader's page is assembled from it, as the start script's assembler
// (src/server/http/signed-in-pages.ts) assembles it for the next requests.
import type { EntitlementState } from '../../lib/paywall/entitlement.ts';
import { assembleFrame, readerFill, splitFrame, type ArticleFrameFacts, type FrameReader } from '../../lib/page-frame/frame.ts';
import { CACHE_KEYS_HEADER, parseCacheKeys } from '../../lib/http/cache-control.ts';
import type { RenderTicket } from '../../lib/http/keyed-page-store.ts';
import { canUseDesk } from '../../lib/desk/desk-access.ts';
import { pageFrameEntry, pageFrames } from './page-frames.ts';

/** What a page that rendered itself as a frame tells the middleware. */
export interface PageFrameDeclaration {
  /** An article: its story and opened locked parts. */
  article?: ArticleFrameFacts;
  /** The reader's entitlement state for the article, as the page decided it. */
  state?: EntitlementState;
  /** The reader's balance after any refill the page applied. */
  balance?: number;
  nextRefill?: Date | undefined;
}

/** Headers of a rendered page that the assembler does not send again as they were. */
const NOT_REPLAYED = new Set(['set-cookie', 'content-length', 'transfer-encoding', CACHE_KEYS_HEADER]);

export interface FrameRender {
  path: string;
  ticket: RenderTicket;
  /** The route pattern being rendered, kept with the frame for the request log. */
  route: string | undefined;
}

/** A frame render under way, when frames are on and the request may be one. */
export function startFrameRender(request: Request, url: URL, signedIn: boolean, route?: string): FrameRender | undefined {
  const frames = pageFrames();
  if (!frames || !signedIn || request.method !== 'GET' || url.search !== '') return undefined;
  return { path: url.pathname, ticket: frames.store.startRender(), route };
}

/** Ends a render that failed: nothing is kept. */
export function abandonFrameRender(render: FrameRender): void {
  pageFrames()?.store.finishRender(render.ticket, []);
}

/** Ends the render: keeps the frame if the page declared one, and assembles the reader's page from it. */
export async function assembleRendered(render: FrameRender, response: Response, locals: App.Locals): Promise<Response> {
  const frames = pageFrames();
  const declared = locals.pageFrame;
  if (!frames || !declared || !locals.user || response.status !== 200) {
    frames?.store.finishRender(render.ticket, []);
    return response;
  }
  let html: string;
  try {
    html = await response.text();
  } catch (error) {
    frames.store.finishRender(render.ticket, []);
    throw error;
  }
  const keys = parseCacheKeys(response.headers.get(CACHE_KEYS_HEADER) ?? undefined);
  const frame = splitFrame(html);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!NOT_REPLAYED.has(name)) headers[name] = value;
  });
  // Kept unless a change to what it shows came while it rendered; a frame that names no keys
  // could not be purged when its content changes, so it is never kept.
  if (frames.store.finishRender(render.ticket, keys) && keys.length > 0) {
    const { maxSeconds, clock } = frames.settings;
    frames.store.put(render.path, pageFrameEntry(frame, { headers, article: declared.article, keys, expiresAt: clock() + maxSeconds * 1000, route: render.route }, render.path));
  }
  const reader: FrameReader = {
    email: locals.user.email,
    showDesk: canUseDesk(locals.user.role),
    state: declared.state ?? 'anonymous',
    balance: declared.balance ?? locals.user.creditBalance,
    nextRefill: declared.nextRefill,
  };
  const assembled = assembleFrame(frame, readerFill(reader, declared.article));
  const out = new Headers(response.headers);
  out.delete('content-length');
  return new Response(assembled, { status: response.status, statusText: response.statusText, headers: out });
}
