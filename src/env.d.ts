/// <reference types="astro/client" />

// `tsc` alone does not read .astro files (`astro check` does, with their real prop types);
// this lets plain TypeScript modules that import a component type-check.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}

declare namespace App {
  /**
   * What pages and actions know of the signed-in reader: id, email, displayName, role,
   * emailVerifiedAt, creditBalance, refillPeriod, createdAt, updatedAt. Never the password hash: commands
   * that check the password load it by id. The columns are chosen in the one session lookup
   * (READER_COLUMNS in src/server/auth/sessions.ts), so the type follows the query.
   */
  type Reader = import('./server/auth/sessions.ts').Reader;
  /** This browser's session: id, createdAt, lastSeenAt, expiresAt. Never the secret's hash. */
  type CurrentSession = import('./server/auth/sessions.ts').CurrentSession;

  interface Locals {
    /** The signed-in reader, or null. Set by src/middleware.ts. */
    user: Reader | null;
    session: CurrentSession | null;
    /**
     * Set by the middleware: this request (a signed-in GET without a query) may be rendered as
     * a frame (src/lib/page-frame/frame.ts) and assembled for the reader.
     */
    framing: boolean;
    /** Set by a page that rendered itself as a frame: what assembling it needs. */
    pageFrame?: import('./server/http/frame-from-render.ts').PageFrameDeclaration;
  }
}
