// Dependency rules of docs/ARCHITECTURE.md ("Boundaries"), checked by `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included (they still tangle two files into one unit).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'workflow-folders-one-way',
      severity: 'error',
      comment: 'In the workflow app, chatflow/ builds on workflows/ and both on the engine (graph/); never the other way.',
      from: { path: '^apps/workflow/src/(workflows|graph)/' },
      to: { path: '^apps/workflow/src/chatflow/' },
    },
    {
      name: 'workflow-engine-imports-no-feature',
      severity: 'error',
      comment: 'The graph engine runs any graph; runs, drafts and chatflow turns are the features around it.',
      from: { path: '^apps/workflow/src/graph/' },
      to: { path: '^apps/workflow/src/(workflows|chatflow|console)/' },
    },
    {
      name: 'apps-never-import-other-apps',
      severity: 'error',
      comment: 'Apps talk over the transport; shared code lives in a lib.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'contracts-import-no-infrastructure',
      severity: 'error',
      comment: 'libs/contracts is the shapes that cross the transport: no storage, transport, database, TypeORM or Redis.',
      from: { path: '^libs/contracts/' },
      to: { path: ['^libs/(storage|transport|database)/', 'node_modules/(typeorm|@nestjs/typeorm|ioredis|pg|bullmq)/'] },
    },
    {
      name: 'rag-imports-no-database',
      severity: 'error',
      comment: 'libs/rag turns files into text and segments; it never touches the database.',
      from: { path: '^libs/rag/' },
      to: { path: ['^libs/database/', 'node_modules/(typeorm|@nestjs/typeorm|pg)/'] },
    },
    {
      name: 'gateway-imports-no-model-code',
      severity: 'error',
      comment: 'The gateway forwards to the services; embedding, vector stores and model calls are theirs.',
      from: { path: '^apps/gateway/' },
      to: { path: ['^libs/(vector|knowledge|llm)/', 'node_modules/(openai|@qdrant|@lancedb)/'] },
    },
    {
      name: 'typeorm-only-in-repositories',
      severity: 'error',
      comment: 'Only *.repository.ts files (and libs/database: entities, migrations, connection) touch TypeORM.',
      from: { path: '^(apps|libs)/', pathNot: ['\\.repository\\.ts$', '^libs/database/', '\\.spec\\.ts$', '/testing/'] },
      to: { path: 'node_modules/(typeorm|@nestjs/typeorm)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^apps/console/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
