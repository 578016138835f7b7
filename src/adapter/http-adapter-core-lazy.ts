/**
 * `HttpAdapterCore` for the wizard, which loads it with `import()`, and only through this module: the module
 * that holds it is also imported statically (by a public entry point), and bundlers hand an `import()`
 * of such a module a namespace object built at run time, with a helper chunk of its own.
 */
export { HttpAdapterCore } from './http-adapter-core.js';
