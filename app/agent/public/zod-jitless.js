// Runs before the app's modules (a classic script, so ahead of every deferred module chunk). zod compiles
// object parsers with `new Function` when it may, probing for eval as each object schema is built; the
// app's CSP allows no eval, so the probe would be a violation on every load. zod reads this global config
// when it loads: jitless, the plain parser. (A z.config() call in the app's entry ran too late once the
// contract landed in a shared chunk that is evaluated before the entry's own code.)
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
