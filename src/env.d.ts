/// <reference types="astro/client" />

// `tsc` alone does not read .astro files (`astro check` does, with their real prop types);
// this lets plain TypeScript modules that import a component type-check.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}

declare namespace App {
  interface Locals {
    /** The signed-in reader, or null. Set by src/middleware.ts. */
    user: import('../db/schema/users.ts').User | null;
    session: import('../db/schema/users.ts').Session | null;
  }
}
