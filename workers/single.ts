// Entry of the single-script layout: the HTTP Worker and every Durable Object class in one script, as Fio ran
// before the split. Only generated configs use it (scripts/lib/wrangler-configs.ts): the workerd test pool,
// whose runInDurableObject needs the classes in the main worker, and `FIO_TOPOLOGY=single` for debugging.
export { default } from './index';
// Every class the objects' script exports (its default export, the /health handler, is not re-exported).
export * from './objects';
